"""The demo site's text, as plain data. Every practice and organisation here is fictional.

Paragraphs are plain strings; the builders escape them and wrap them in ``<p>``. Body
specs are tuples read by ``cms.demo.builders.stream_from_spec``:

- ``("heading", text)`` and ``("subheading", text)``
- ``("paragraph", text)`` or ``("paragraph", [text, ...])``
- ``("quote", quote, attribution)``
- ``("image", image_key, caption)``
- ``("document", document_key, link_text)``
- ``("cta", title, text, page_slug, label)``: ``page_slug`` is a child of the home page
- ``("table", caption, rows)``: the first row is the header
"""

import datetime

SITE_NAME = "Integration Academy"
CONTACT_EMAIL = "academy@example.org"

# --------------------------------------------------------------------------- snippets

POLICY_FIELDS: list[dict[str, str]] = [
    {
        "slug": "employment",
        "name": "Employment",
        "description": "Access to work, recognition of qualifications, job placement and self-employment.",
    },
    {
        "slug": "housing",
        "name": "Housing",
        "description": "Access to decent housing, keeping a tenancy, and life in shared buildings and estates.",
    },
    {
        "slug": "education",
        "name": "Education",
        "description": "Schools, early childhood education, vocational training and adult education.",
    },
    {
        "slug": "health",
        "name": "Health",
        "description": "Access to health services, health literacy and prevention.",
    },
    {
        "slug": "civic-participation",
        "name": "Civic participation",
        "description": "Consultation, local democracy, volunteering and residents' say in decisions that affect them.",
    },
    {
        "slug": "language-learning",
        "name": "Language learning",
        "description": "Learning the language of the place where people live, in classes, at work and in daily life.",
    },
    {
        "slug": "social-cohesion",
        "name": "Social cohesion",
        "description": "Relations between neighbours and groups, mediation and a shared sense of belonging.",
    },
    {
        "slug": "anti-discrimination",
        "name": "Anti-discrimination",
        "description": "Preventing, detecting and remedying unequal treatment.",
    },
]

PEOPLE: list[dict[str, str]] = [
    {
        "name": "Elena Marchetti",
        "role": "Programme manager",
        "organisation": "International training centre, Turin",
    },
    {
        "name": "Thomas Ashworth",
        "role": "Senior researcher",
        "organisation": "University migration research centre, Oxford",
    },
    {
        "name": "Giulia Ferrante",
        "role": "Researcher",
        "organisation": "Italian migration research forum",
    },
    {
        "name": "Karin Lindqvist",
        "role": "Communications officer",
        "organisation": "Integration Academy",
    },
]

# --------------------------------------------------------------------------- users

USERS: list[dict[str, str]] = [
    {
        "email": "admin@example.org",
        "first_name": "Ada",
        "last_name": "Administrator",
        "role": "superuser",
    },
    {
        "email": "editor@example.org",
        "first_name": "Edith",
        "last_name": "Editor",
        "role": "editor",
    },
    {
        "email": "member@example.org",
        "first_name": "Marek",
        "last_name": "Member",
        "role": "member",
    },
]

# --------------------------------------------------------------------------- practices

PRACTICE_INDEX = {
    "title": "Functioning practices",
    "intro": (
        "<p>Ten local integration measures, researched on site by the academy's team. We call "
        "them <em>functioning</em> rather than <em>best</em> practices: each works in its own "
        "context, and each profile says which parts of that context mattered, what went wrong "
        "as well as what went right, and what might travel to another city.</p>"
    ),
}

PRACTICES: list[dict] = [
    {
        "slug": "recognition-advice-hamburg",
        "title": "Recognition advice at the first job-centre visit",
        "city": "Hamburg",
        "country": "Germany",
        "latitude": "53.551086",
        "longitude": "9.993682",
        "policy_fields": ["employment", "education"],
        "lead_organisation": "Job centre team for newly arrived jobseekers, Hamburg-Mitte",
        "partners": [
            "Advisory service of the chamber of crafts",
            "Association of migrant engineers and technicians",
            "District adult education centre",
        ],
        "public_authorities": [
            "Free and Hanseatic City of Hamburg, department for labour and integration",
            "Federal Employment Agency, regional directorate",
        ],
        "start_date": datetime.date(2012, 4, 1),
        "end_date": None,
        "summary": (
            "Caseworkers ask every newly registered jobseeker about qualifications gained abroad "
            "at the first visit, and book an appointment on the spot with a recognition adviser "
            "who works in the same building. The aim is to stop skilled people drifting into "
            "unskilled work while their papers wait."
        ),
        "body": [
            ("heading", "How it works"),
            (
                "paragraph",
                [
                    "At registration the caseworker asks three screening questions about school, "
                    "vocational training and degrees obtained abroad. A positive answer leads to "
                    "a booked appointment, usually within ten days, with a recognition adviser "
                    "who has a desk in the job centre two days a week.",
                    "The adviser identifies the competent recognition body, helps to gather and "
                    "translate documents and, where recognition is only partial, plans the "
                    "adaptation course or examination that would close the gap. The job centre "
                    "pays translation and certification fees from its integration budget.",
                    "Caseworker and jobseeker also agree that, while a recognition procedure is "
                    "running, the job centre will not push for placement in unrelated unskilled "
                    "work unless the jobseeker asks for it.",
                ],
            ),
            (
                "quote",
                "I had been a nurse for nine years. The first person I met at the job centre "
                "asked for my diploma before asking me about any job.",
                "Participant, interviewed during fieldwork",
            ),
            ("heading", "Who is involved"),
            (
                "paragraph",
                "The job centre runs the practice with the city's labour and integration "
                "department. The chamber of crafts advises on vocational qualifications, and a "
                "migrant engineers' association offers mentoring to applicants in technical "
                "professions.",
            ),
        ],
        "context_features": [
            "Hamburg is a city-state: the same government holds municipal and regional powers, "
            "so the department responsible for integration also steers the labour-market "
            "programme. Agreements that would need a formal contract between two tiers of "
            "government elsewhere were settled in a meeting.",
            "A federal law that came into force in 2012 gave applicants a legal right to have "
            "their qualifications assessed. The practice was designed around that change; "
            "without an entitlement at the end of the referral, early screening would have "
            "had little to offer.",
        ],
        "assets_and_obstacles": [
            "The main asset was proximity. Because the adviser sits in the job centre, referral "
            "takes minutes and almost nobody is lost between two offices. Caseworkers came to "
            "trust the advisers' judgement about which applications were worth pursuing.",
            "The obstacles were the length of procedures in regulated professions, which can "
            "exceed a year, and the placement targets by which job-centre teams are assessed. "
            "Several interviewees described a real tension between the agreement not to push "
            "people into unrelated work and the monthly figures.",
        ],
        "achievements_and_failures": [
            "Over the period covered by the fieldwork, the share of referred jobseekers who "
            "actually submitted a recognition application rose from about a quarter to more "
            "than half, and the time between registration and application fell from several "
            "months to a few weeks. Nurses, technicians and teachers were the most visible "
            "successes.",
            "The practice worked far less well for graduates in non-regulated fields, for whom "
            "recognition produces a statement of comparability but no entitlement. Many of "
            "them felt the procedure had been a detour. Screening also missed women who were "
            "registered as part of a household claim and never met a caseworker alone.",
        ],
        "transferability_notes": [
            "The core idea, screening at first contact and booking the next appointment on "
            "the spot, needs no special legislation and little money. It does need a "
            "recognition service able to absorb the referrals, and a management willing to "
            "protect the time recognition takes from short-term placement targets.",
            "Where recognition is handled by a distant national body, a city could train one "
            "or two caseworkers as in-house advisers instead of hosting an external one.",
        ],
        "ratings": {
            "innovation": (
                3,
                "Early screening is not new in itself. What is new is the booked referral inside "
                "the same building and the explicit agreement to shield the recognition period "
                "from placement pressure.",
            ),
            "success": (
                4,
                "Application rates and waiting times improved markedly, as both caseworkers and "
                "participants confirmed, although the effect was weak for holders of degrees in "
                "non-regulated fields.",
            ),
            "sustainability": (
                4,
                "The adviser posts have been paid from the regular integration budget since "
                "2015, so the practice no longer depends on a project grant. Translation fees "
                "remain exposed to annual budget decisions.",
            ),
            "transferability": (
                5,
                "The method is simple, cheap and described in a short internal guide. It can be "
                "reproduced wherever a job centre and a recognition service agree to share a "
                "desk.",
            ),
        },
        "video_url": "https://vimeo.com/412583077",
        "video_transcript": [
            (
                "Caseworker",
                "We used to ask about qualifications at the third or fourth meeting, when people "
                "were already working nights in a warehouse. Now it is question four on the "
                "first form.",
            ),
            (
                "Recognition adviser",
                "My desk is two doors down. If I am free, I come over before the person has "
                "even left the building.",
            ),
        ],
        "tags": ["recognition of qualifications", "job centres", "skilled migration"],
        "gallery": [
            "The recognition desk is on the ground floor of the job centre, two days a week.",
            "Applicants bring certificates and transcripts; the job centre pays for certified "
            "translations.",
        ],
    },
    {
        "slug": "tenancy-mentors-southwark",
        "title": "Tenancy mentors for newly housed families",
        "city": "Southwark, London",
        "country": "United Kingdom",
        "latitude": "51.502800",
        "longitude": "-0.087400",
        "policy_fields": ["housing", "social-cohesion"],
        "lead_organisation": "Walworth Tenancy Support Trust",
        "partners": [
            "Tenants' and residents' associations on four estates",
            "A refugee community organisation run by former clients",
            "Two housing associations with stock in the borough",
        ],
        "public_authorities": [
            "London Borough of Southwark, housing solutions service",
            "London Borough of Southwark, children's and adults' services",
        ],
        "start_date": datetime.date(2011, 9, 1),
        "end_date": datetime.date(2025, 3, 31),
        "summary": (
            "Trained volunteer mentors, many of them former refugees, visit families who have "
            "just moved from temporary accommodation into a social tenancy. For six months they "
            "help with bills, repairs, neighbours and school places, so that the first tenancy "
            "does not fail."
        ),
        "body": [
            ("heading", "How it works"),
            (
                "paragraph",
                [
                    "When the council offers a tenancy to a household that has come through the "
                    "refugee or homelessness route, the housing officer asks whether the family "
                    "would like a mentor. Most say yes. The first visit takes place in the week "
                    "of the move, often with the keys still in the envelope.",
                    "Mentors visit weekly for the first two months and then fortnightly. They "
                    "help to set up energy and council tax accounts, read letters, report "
                    "repairs, register with a doctor and find school places. They also "
                    "introduce the family to the tenants' association and to neighbours.",
                ],
            ),
            (
                "quote",
                "The council gave us a flat. The mentor showed us how to live in it without "
                "being afraid of every letter.",
                "Tenant, interviewed during fieldwork",
            ),
            ("heading", "Why it closed"),
            (
                "paragraph",
                "In 2025 the council re-tendered its support services as a single generic "
                "floating-support contract. The trust did not bid, and the mentoring scheme "
                "ended with the old contract. Part of the volunteer pool has since joined the "
                "refugee community organisation, which runs a smaller scheme without public "
                "funding.",
            ),
        ],
        "context_features": [
            "Southwark has one of the largest stocks of social housing in London and long "
            "waiting lists. Newly recognised refugees and homeless families are often housed at "
            "short notice, in neighbourhoods they do not know, after months in hostels or "
            "temporary flats.",
            "Housing officers manage several hundred tenancies each and rarely visit except "
            "for arrears or complaints. The mentors filled the gap between the offer of a "
            "tenancy and the first problem, which is exactly where tenancies tend to fail.",
        ],
        "assets_and_obstacles": [
            "Mentors with their own experience of arriving and being housed were trusted "
            "quickly and spoke many of the languages needed. A data-sharing agreement with the "
            "council let the trust see early signs of rent arrears, with the tenant's consent, "
            "and act before a notice was served.",
            "Changes to the benefit system, in particular the cap on total benefits and the "
            "move to monthly payments, made arrears harder to prevent. Volunteer turnover was "
            "high, and safeguarding checks took up to three months, so trained mentors were "
            "sometimes lost before their first visit.",
        ],
        "achievements_and_failures": [
            "Among mentored households, about four in a hundred lost their tenancy within the "
            "first year. The council estimated the rate for comparable households without a "
            "mentor at around fifteen in a hundred. Several former clients became mentors "
            "themselves.",
            "The scheme barely reached single men, who are mostly housed in shared private "
            "rented accommodation outside the council's allocation process. And it ended "
            "abruptly: the trust had not prepared for the re-tendering, and families who were "
            "halfway through their six months lost their mentor from one week to the next.",
        ],
        "transferability_notes": [
            "Peer mentoring at the start of a tenancy is transferable to any city where a "
            "social landlord allocates housing to newcomers. It needs a referral route from the "
            "landlord, a consent-based way of sharing arrears data, and funding for "
            "coordination and volunteer expenses.",
            "The closure holds a lesson too: a small provider that depends on a single contract "
            "should plan for its end from the start, including a handover for current clients.",
        ],
        "ratings": {
            "innovation": (
                4,
                "Tenancy support is common; recruiting mentors among former clients and timing "
                "the first visit to the week of the move were unusual and made a visible "
                "difference.",
            ),
            "success": (
                4,
                "Tenancy failure among mentored households was far below the council's "
                "estimate for comparable households, although the comparison was not a formal "
                "evaluation.",
            ),
            "sustainability": (
                2,
                "The scheme depended on one council contract and ended when that contract was "
                "re-tendered; only a small unfunded successor remains.",
            ),
            "transferability": (
                4,
                "The model is well documented and needs modest resources, but it relies on a "
                "cooperative social landlord and on data sharing that some authorities resist.",
            ),
        },
        "video_url": "https://vimeo.com/398214566",
        "video_transcript": [
            (
                "Mentor",
                "I lived in a hostel for eleven months. When I go to a family on moving day, I "
                "know what the first night feels like.",
            ),
            (
                "Housing officer",
                "Before the mentors, the first time I met some tenants was at the arrears "
                "interview.",
            ),
        ],
        "tags": ["tenancy sustainment", "peer mentoring", "refugees", "social housing"],
        "gallery": [
            "Mentors usually make their first visit in the week of the move.",
            "Tenants' associations on four estates welcomed mentored families to their meetings.",
            "Volunteer mentors meet once a month to compare cases.",
        ],
    },
    {
        "slug": "health-guides-vejle",
        "title": "Neighbourhood health guides",
        "city": "Vejle",
        "country": "Denmark",
        "latitude": "55.709300",
        "longitude": "9.535700",
        "policy_fields": ["health", "civic-participation"],
        "lead_organisation": "Vejle Municipality, health and care department",
        "partners": [
            "Residents' boards of two social housing estates",
            "Local network of general practitioners",
            "Interpreting service of the regional hospital",
            "An evening school association",
        ],
        "public_authorities": ["Vejle Municipality", "Region of Southern Denmark"],
        "start_date": datetime.date(2013, 1, 15),
        "end_date": None,
        "summary": (
            "Residents of two large housing estates are trained, and paid a modest fee, to act "
            "as health guides for their neighbours. They explain how the Danish health system "
            "works, go with people to a first appointment when needed, and tell the "
            "municipality what keeps residents from seeking care."
        ),
        "body": [
            ("heading", "How it works"),
            (
                "paragraph",
                [
                    "Each year the municipality recruits a group of twelve to fifteen residents "
                    "through the residents' boards. They follow a forty-hour course on the "
                    "health system, prevention, patients' rights and confidentiality, taught "
                    "by municipal nurses and a general practitioner.",
                    "Guides run information meetings in the estates' community rooms, in "
                    "several languages, and hold an open hour each week. They can go with a "
                    "neighbour to a first appointment, but they do not interpret medical "
                    "consultations: that remains the job of professional interpreters.",
                    "Twice a year the guides meet the municipality's health planners to report "
                    "what they hear. Several changes to opening hours and to the wording of "
                    "screening invitations came out of these meetings.",
                ],
            ),
            (
                "quote",
                "People do not stay away from the doctor because they do not care. They stay "
                "away because nobody explained where the door is.",
                "Health guide, interviewed during fieldwork",
            ),
        ],
        "context_features": [
            "Denmark's health system is universal and free at the point of use, but access "
            "runs through a general practitioner and an electronic identity, both of which "
            "newcomers often do not understand. Uptake of screening and vaccination on the two "
            "estates was well below the municipal average.",
            "The estates had active residents' boards, elected under Danish social housing "
            "law, and a tradition of community activity. Recruitment of guides relied "
            "heavily on that existing structure.",
        ],
        "assets_and_obstacles": [
            "The guides' standing among neighbours was the main asset, together with the "
            "commitment of a few general practitioners who attended meetings in person. "
            "Paying a fee, rather than relying on volunteering, kept guides for several years.",
            "Men were hard to recruit as guides, and older men in particular were seldom "
            "reached. The hospital was uneasy when guides slipped into informal interpreting, "
            "and a clearer boundary had to be drawn after two incidents.",
        ],
        "achievements_and_failures": [
            "Attendance at breast and cervical cancer screening on the estates rose "
            "noticeably, and the municipality changed its invitation letters after guides "
            "explained why the old ones were ignored. Several guides later found work in "
            "health and care.",
            "The municipality never collected data on health outcomes, so success can only be "
            "described in terms of participation and service use. The planned extension to a "
            "third estate did not happen because the residents' board there could not agree "
            "to host it.",
        ],
        "transferability_notes": [
            "Lay health workers drawn from the community are used in many countries, and the "
            "training materials are simple to adapt. The model transfers best where there is "
            "a residents' organisation to recruit through and professionals willing to give "
            "time to it.",
            "Cities considering it should define from the start what guides must not do, "
            "above all interpreting in consultations, and decide how results will be measured.",
        ],
        "ratings": {
            "innovation": (
                4,
                "Using paid residents as a two-way channel, informing neighbours and informing "
                "planners, goes beyond the usual information campaign.",
            ),
            "success": (
                3,
                "Participation and screening uptake improved, but there is no measure of "
                "health outcomes and older men were rarely reached.",
            ),
            "sustainability": (
                4,
                "The guides' fees and training are part of the municipal health budget, and "
                "the practice has survived two changes of political majority.",
            ),
            "transferability": (
                4,
                "The approach is modest in cost and well documented, provided a city has a "
                "residents' structure to recruit through.",
            ),
        },
        "video_url": "https://vimeo.com/421907315",
        "video_transcript": [
            (
                "Health guide",
                "The first meeting was about the yellow card and the doctor. Forty people came. "
                "We had planned for fifteen.",
            ),
            (
                "Municipal nurse",
                "The guides told us nobody opened our screening letters because they looked "
                "like bills. We changed the envelope.",
            ),
        ],
        "tags": ["health literacy", "housing estates", "peer educators"],
        "gallery": [
            "Information meetings take place in the estates' community rooms.",
            "Guides follow a forty-hour course taught by municipal nurses.",
        ],
    },
    {
        "slug": "parents-language-circles-vienna",
        "title": "Language circles for parents in municipal kindergartens",
        "city": "Vienna",
        "country": "Austria",
        "latitude": "48.208200",
        "longitude": "16.373800",
        "policy_fields": ["language-learning", "education"],
        "lead_organisation": "City of Vienna, municipal kindergartens",
        "partners": [
            "The city's adult education centres",
            "Parents' associations of the participating kindergartens",
            "A migrant women's association",
        ],
        "public_authorities": [
            "City of Vienna, department for integration and diversity",
            "City of Vienna, municipal kindergartens",
        ],
        "start_date": datetime.date(2010, 9, 1),
        "end_date": None,
        "summary": (
            "Parents whose children attend a municipal kindergarten can join a German course "
            "held in the kindergarten itself, straight after drop-off, with childcare for "
            "younger brothers and sisters. Lessons combine language with information about "
            "the school system and local services."
        ),
        "body": [
            ("heading", "How it works"),
            (
                "paragraph",
                [
                    "Courses run for a school year, two mornings a week, in groups of about "
                    "twelve. They are taught by adult education teachers and take place in a "
                    "room of the kindergarten, which parents already know and where they feel "
                    "safe.",
                    "Part of every lesson deals with something parents need: a school "
                    "enrolment form, a parents' evening, a letter from the doctor. Kindergarten "
                    "staff join some sessions to explain what the children do during the day.",
                    "The course fee is symbolic, and childcare for children under three is "
                    "provided in the next room. A certificate of attendance is issued at the "
                    "end of the year.",
                ],
            ),
            (
                "quote",
                "I came for my daughter. After a year I could speak to her teacher without my "
                "son translating.",
                "Participant, interviewed during fieldwork",
            ),
        ],
        "context_features": [
            "Vienna runs a large network of municipal kindergartens that most children attend "
            "from the age of three, so the kindergarten is a place many migrant parents visit "
            "every day. The city has a long-standing integration department with its own "
            "budget for language courses.",
            "The practice grew out of a concern, voiced by kindergarten staff, that children "
            "were learning German faster than their parents, and that parents were losing "
            "touch with their children's education as a result.",
        ],
        "assets_and_obstacles": [
            "The setting itself was the main asset: parents did not have to travel, arrange "
            "childcare or enter an unfamiliar institution. Kindergarten heads who championed "
            "the courses made a decisive difference to enrolment.",
            "Demand outstripped supply in several districts, with waiting lists of a year or "
            "more. Rooms were scarce in older kindergartens, and some heads saw the courses as "
            "an extra burden on their staff.",
        ],
        "achievements_and_failures": [
            "Several thousand parents, most of them mothers, have taken part since the start. "
            "Teachers report better contact with parents and fewer misunderstandings about "
            "enrolment and school transitions.",
            "Fathers rarely attend: the morning schedule suits parents who are not in work, "
            "and an evening pilot was dropped for lack of childcare staff. Courses are "
            "offered at two levels only, so parents who progress quickly have nowhere to go "
            "next within the scheme.",
        ],
        "transferability_notes": [
            "Any city with kindergartens or primary schools that parents visit daily can host "
            "courses of this kind. The essential ingredients are a room, childcare for younger "
            "children, and teachers who can connect the lessons to the school system.",
            "Cities with fewer public kindergartens could start with primary schools, but "
            "should expect lower attendance once children are old enough to walk to school on "
            "their own.",
        ],
        "ratings": {
            "innovation": (
                3,
                "Parent language courses exist in many cities; placing them in the "
                "kindergarten with childcare is a simple but effective adjustment rather than a "
                "new idea.",
            ),
            "success": (
                4,
                "Participation is high and kindergarten staff report clear improvements in "
                "contact with parents, although fathers are largely absent.",
            ),
            "sustainability": (
                5,
                "The courses have been funded from the city's regular budget for more than a "
                "decade.",
            ),
            "transferability": (
                5,
                "The model needs no special legal basis and uses facilities most cities "
                "already have.",
            ),
        },
        "video_url": "https://vimeo.com/405662981",
        "video_transcript": [
            (
                "Kindergarten head",
                "The mothers were here every morning anyway, standing in the corridor. Now "
                "they stay, and they learn.",
            ),
            (
                "Teacher",
                "We practise the words they need on Tuesday for the meeting on Wednesday.",
            ),
        ],
        "tags": ["language learning", "parents", "early childhood"],
        "gallery": [
            "Lessons take place in a kindergarten room, straight after drop-off.",
            "Childcare for younger children is provided in the room next door.",
        ],
    },
    {
        "slug": "rural-work-placements-visby",
        "title": "Rural work placements with island employers",
        "city": "Visby",
        "country": "Sweden",
        "latitude": "57.634800",
        "longitude": "18.294800",
        "policy_fields": ["employment", "social-cohesion"],
        "lead_organisation": "Region Gotland, labour market unit",
        "partners": [
            "Farmers' association of Gotland",
            "Local tourism and food businesses",
            "A folk high school on the island",
        ],
        "public_authorities": ["Region Gotland", "Swedish Public Employment Service, Visby office"],
        "start_date": datetime.date(2014, 4, 1),
        "end_date": datetime.date(2024, 12, 31),
        "summary": (
            "Refugees settled on Gotland were matched with farms, small food producers and "
            "tourism businesses for paid placements combined with job-specific Swedish. A "
            "coordinator visited each workplace weekly and stepped in when expectations on "
            "either side did not match."
        ),
        "body": [
            ("heading", "How it worked"),
            (
                "paragraph",
                [
                    "The coordinator built a list of employers willing to take a trainee for "
                    "three to six months, mostly in agriculture, food processing, hospitality "
                    "and maintenance. Participants were matched according to experience and "
                    "preference, not only to where a vacancy happened to be.",
                    "Placements were paid through the national introduction programme and "
                    "combined with two afternoons a week of Swedish at the folk high school, "
                    "built around the vocabulary of each workplace.",
                    "The coordinator visited every workplace once a week in the first month. "
                    "Many early problems were practical, such as transport to farms without "
                    "bus services, which the region solved with a shared car scheme.",
                ],
            ),
            (
                "quote",
                "On a farm you learn the words for everything you touch. After the summer my "
                "Swedish was better than after a year of classes.",
                "Former participant, interviewed during fieldwork",
            ),
            ("heading", "Why it closed"),
            (
                "paragraph",
                "A national reform of the introduction programme changed how placements were "
                "funded, and the region decided in 2024 not to finance the coordinator post "
                "from its own budget.",
            ),
        ],
        "context_features": [
            "Gotland is an island region with a small labour market, strong seasonal swings "
            "and an ageing population. Employers in farming and tourism had real difficulty "
            "finding staff, which made them open to taking on trainees.",
            "Because Region Gotland is both municipality and region, one administration dealt "
            "with settlement, adult education and business contacts, which shortened many "
            "decisions.",
        ],
        "assets_and_obstacles": [
            "A single coordinator who knew most employers personally was the practice's "
            "greatest asset, and also its weakness: when she was on leave, new placements "
            "almost stopped.",
            "Seasonality was the main obstacle. Many placements in tourism ended in "
            "September, leaving participants without work for the winter. Transport outside "
            "Visby was a constant practical problem.",
        ],
        "achievements_and_failures": [
            "Roughly half of the participants were in work or education a year after their "
            "placement, a better result than the regional average for the introduction "
            "programme. Several farms kept their trainees on permanently.",
            "Many participants left the island for larger cities once they had work "
            "experience, so the region's hope of keeping new residents was only partly met. "
            "The practice also depended too much on one person and did not survive the "
            "change in national funding.",
        ],
        "transferability_notes": [
            "Rural and small-town authorities with labour shortages in specific sectors could "
            "adapt the model. The coordinator's role, combining employer contacts, matching "
            "and mediation, is the part that matters most and should not rest on one person.",
            "Planning for the off-season, for example with winter training or a second "
            "placement in another sector, is necessary wherever work is seasonal.",
        ],
        "ratings": {
            "innovation": (
                4,
                "Tying language teaching to the vocabulary of each workplace and mediating "
                "weekly on site was unusual for a rural area.",
            ),
            "success": (
                3,
                "Employment outcomes were good, but retention on the island was modest and "
                "seasonal gaps were never solved.",
            ),
            "sustainability": (
                2,
                "The practice ended when national funding rules changed and the region did not "
                "take over the coordinator's post.",
            ),
            "transferability": (
                3,
                "The approach suits places with labour shortages but depends heavily on the "
                "coordinator's personal network.",
            ),
        },
        "video_url": "https://vimeo.com/389047712",
        "video_transcript": [
            (
                "Farmer",
                "I needed someone who could drive a tractor. I got someone who had run a farm "
                "twice the size of mine in Syria.",
            ),
            (
                "Coordinator",
                "Most problems were about the bus, not about culture.",
            ),
        ],
        "tags": ["rural areas", "work placements", "employers", "refugees"],
        "gallery": [
            "Farms, food producers and tourism businesses took trainees for three to six months.",
            "Swedish lessons were built around the vocabulary of each workplace.",
        ],
    },
    {
        "slug": "fair-rental-checks-ghent",
        "title": "Discrimination testing in the private rental market",
        "city": "Ghent",
        "country": "Belgium",
        "latitude": "51.054300",
        "longitude": "3.717400",
        "policy_fields": ["anti-discrimination", "housing"],
        "lead_organisation": "City of Ghent, equal opportunities service",
        "partners": [
            "A university sociology department (research design)",
            "Tenants' union",
            "Regional branch of the estate agents' federation",
        ],
        "public_authorities": ["City of Ghent", "Regional housing agency"],
        "start_date": datetime.date(2015, 5, 1),
        "end_date": None,
        "summary": (
            "The city commissions regular situation tests: pairs of fictitious applicants with "
            "similar profiles but different names answer rental advertisements. Agencies that "
            "discriminate receive a letter and an offer of training; repeated cases are passed "
            "to the equality body. Results are published in aggregate."
        ),
        "body": [
            ("heading", "How it works"),
            (
                "paragraph",
                [
                    "Every year researchers send several thousand paired enquiries to rental "
                    "advertisements placed by agencies and private landlords. The paired "
                    "profiles differ only in the characteristic being tested, such as a name "
                    "that suggests a migrant background, a disability or an income from "
                    "benefits.",
                    "Agencies that treat candidates unequally receive a letter setting out the "
                    "results and an invitation to a free training session. Those found "
                    "discriminating again in a later round are reported to the equality body, "
                    "which can take legal action.",
                    "The city publishes overall results every year, by type of landlord and by "
                    "ground of discrimination, but does not name individual agencies.",
                ],
            ),
            (
                "quote",
                "We were told it does not happen here. The tests made it impossible to keep "
                "saying that.",
                "City official, interviewed during fieldwork",
            ),
        ],
        "context_features": [
            "Ghent has a tight rental market, a large student population and a growing "
            "share of residents with a migrant background. Complaints about discrimination by "
            "landlords were frequent but almost never led to action, because individual cases "
            "are hard to prove.",
            "The city council had adopted an equal opportunities plan with explicit targets, "
            "and a university team with experience in field experiments was available to "
            "design the tests.",
        ],
        "assets_and_obstacles": [
            "Scientific rigour gave the results credibility with the press, the council and "
            "eventually the estate agents' federation, which agreed to promote the training "
            "sessions among its members.",
            "At first the legal basis for using test results as evidence was uncertain, and "
            "some agents objected strongly. Private landlords who advertise directly are "
            "much harder to follow up than agencies, and they account for a large part of "
            "the market.",
        ],
        "achievements_and_failures": [
            "Measured discrimination by agencies on the grounds of a foreign-sounding name "
            "fell substantially between the first and later rounds. Most agencies that "
            "received a letter took part in the training.",
            "Discrimination against people living on benefits hardly changed, and results "
            "for private landlords improved much less than for agencies. The decision not to "
            "name agencies was criticised by tenants' organisations as too lenient.",
        ],
        "transferability_notes": [
            "Situation testing can be carried out by any city with access to researchers and "
            "a clear legal framework for its use. Publishing results in aggregate while "
            "following up privately with offenders proved an effective balance.",
            "Cities should check early whether national law allows test results to be used as "
            "evidence, and should plan how to reach private landlords who do not use agencies.",
        ],
        "ratings": {
            "innovation": (
                5,
                "Systematic, repeated testing commissioned by a city, with a graduated response "
                "to offenders, was new in the region when it started.",
            ),
            "success": (
                3,
                "Discrimination by agencies fell, but there was little change for applicants "
                "on benefits or among private landlords.",
            ),
            "sustainability": (
                4,
                "The tests are part of the city's equal opportunities budget and have been "
                "repeated every year.",
            ),
            "transferability": (
                3,
                "The method is well established, but the legal framework differs from country "
                "to country and it needs research capacity.",
            ),
        },
        "video_url": "https://vimeo.com/432118590",
        "video_transcript": [
            (
                "Researcher",
                "Two emails, identical except for the name. The one signed Mohammed got fewer "
                "invitations to view. That is the whole method.",
            ),
            (
                "Estate agent",
                "The letter was unpleasant. The training was useful.",
            ),
        ],
        "tags": ["discrimination testing", "private rented sector", "equality"],
        "gallery": [
            "Paired enquiries are sent to thousands of rental advertisements each year.",
            "Training sessions for estate agents are run with their professional federation.",
        ],
    },
    {
        "slug": "intercultural-assistants-lublin",
        "title": "Intercultural assistants in primary schools",
        "city": "Lublin",
        "country": "Poland",
        "latitude": "51.246500",
        "longitude": "22.568400",
        "policy_fields": ["education", "social-cohesion"],
        "lead_organisation": "Lublin City Office, education department",
        "partners": [
            "A local foundation working with foreign residents",
            "Regional teacher training centre",
            "A university department of education studies",
        ],
        "public_authorities": ["City of Lublin", "Regional education authority"],
        "start_date": datetime.date(2016, 9, 1),
        "end_date": None,
        "summary": (
            "Bilingual assistants work alongside teachers in primary schools that receive "
            "newly arrived pupils. They support lessons, talk to parents and help schools "
            "organise the extra Polish classes to which foreign pupils are entitled."
        ),
        "body": [
            ("heading", "How it works"),
            (
                "paragraph",
                [
                    "The city employs assistants who speak Polish and at least one of the "
                    "languages of newly arrived pupils, most often Ukrainian, Russian or "
                    "Belarusian. Each assistant serves two or three schools.",
                    "In class they sit with new pupils, explain instructions and help teachers "
                    "adapt material. Outside class they meet parents, explain the school's "
                    "rules and the grading system, and help the school arrange the additional "
                    "Polish lessons foreseen by national law.",
                ],
            ),
            (
                "quote",
                "For the first month the assistant was the only adult my son could talk to at "
                "school. By the spring he did not need her in maths any more.",
                "Parent, interviewed during fieldwork",
            ),
        ],
        "context_features": [
            "Lublin received a growing number of pupils from neighbouring countries from the "
            "middle of the last decade, and then a very large number in 2022. National law "
            "provides for intercultural assistants and extra language lessons, but leaves "
            "funding and organisation largely to local authorities.",
            "A local foundation had run a small pilot with volunteer assistants, which gave "
            "the city a model to build on and a pool of first recruits.",
        ],
        "assets_and_obstacles": [
            "The assistants' closeness to families was the main asset, and head teachers "
            "quickly came to rely on them. The teacher training centre provided a short "
            "induction course that gave the role some structure.",
            "Assistants are employed on short contracts and paid much less than teachers, so "
            "turnover is high. Their role is often unclear: some schools use them as "
            "interpreters for everything, from discipline meetings to medical questions.",
        ],
        "achievements_and_failures": [
            "Schools with an assistant report faster integration of new pupils into regular "
            "classes and much better contact with parents. Several assistants have since "
            "qualified as teachers.",
            "In 2022 the number of new pupils overwhelmed the scheme; assistants were spread "
            "across too many schools to be useful and some resigned from exhaustion. The "
            "city has not yet found a stable way to fund the posts beyond annual decisions.",
        ],
        "transferability_notes": [
            "The role is easy to understand and to set up, and several countries already "
            "provide for it in law. Cities should define the tasks clearly, limit the number "
            "of schools per assistant and offer a route into teaching qualifications.",
            "Planning for sudden increases in arrivals, for example with a reserve list of "
            "trained assistants, would have helped in 2022.",
        ],
        "ratings": {
            "innovation": (
                3,
                "Intercultural assistants exist elsewhere; Lublin's contribution is a "
                "city-wide scheme built from a volunteer pilot.",
            ),
            "success": (
                4,
                "Schools and parents report clear benefits, although the scheme struggled "
                "under the very large arrivals of 2022.",
            ),
            "sustainability": (
                3,
                "The posts are funded year by year from the city budget, with no long-term "
                "commitment.",
            ),
            "transferability": (
                4,
                "The model is simple and widely applicable where there is a legal basis and a "
                "supply of bilingual staff.",
            ),
        },
        "video_url": "https://vimeo.com/417730264",
        "video_transcript": [
            (
                "Assistant",
                "Parents ask me about everything: the timetable, the doctor, the flat. I try to "
                "send them to the right person, not to become the answer to all questions.",
            ),
            (
                "Head teacher",
                "Without her we would have had children sitting silent at the back for a year.",
            ),
        ],
        "tags": ["schools", "cultural mediation", "newly arrived pupils"],
        "gallery": [
            "Assistants sit with new pupils in class and help teachers adapt material.",
            "Meetings with parents explain the school's rules and the grading system.",
        ],
    },
    {
        "slug": "residents-council-nantes",
        "title": "A consultative council open to foreign residents",
        "city": "Nantes",
        "country": "France",
        "latitude": "47.218400",
        "longitude": "-1.553600",
        "policy_fields": ["civic-participation", "anti-discrimination"],
        "lead_organisation": "City of Nantes, citizen participation office",
        "partners": [
            "A platform of migrant associations",
            "Neighbourhood social centres",
            "A university political science laboratory",
        ],
        "public_authorities": ["City of Nantes", "Nantes metropolitan authority"],
        "start_date": datetime.date(2009, 10, 1),
        "end_date": None,
        "summary": (
            "Residents from outside the European Union, who cannot vote in French local "
            "elections, sit on a consultative council drawn partly by lot and partly from "
            "associations. The council gives opinions on city policies, and the city must "
            "answer each opinion in writing within three months."
        ),
        "body": [
            ("heading", "How it works"),
            (
                "paragraph",
                [
                    "The council has about forty members, half drawn by lot from residents who "
                    "volunteer and half nominated by associations. Members serve for three "
                    "years and meet in plenary every two months, with working groups in "
                    "between.",
                    "The council chooses some of its own subjects and is consulted by the city "
                    "on others. Each opinion receives a written reply from the relevant deputy "
                    "mayor, stating what the city will do, or why it will not act.",
                    "Since 2016 interpreting has been available at plenary meetings, and "
                    "members can claim childcare costs.",
                ],
            ),
            (
                "quote",
                "I pay taxes here, my children go to school here, but I cannot vote. This is "
                "the only place where the city has to answer me.",
                "Council member, interviewed during fieldwork",
            ),
        ],
        "context_features": [
            "In France only citizens of European Union countries can vote in municipal "
            "elections, which excludes a large share of the city's foreign residents. Nantes "
            "has a strong tradition of participatory democracy and an administration used to "
            "consultation.",
            "The written-reply rule was introduced after an earlier advisory body had faded "
            "away because its opinions went unanswered.",
        ],
        "assets_and_obstacles": [
            "Political backing from successive mayors and the written-reply rule gave the "
            "council more weight than most advisory bodies. The mix of members chosen by lot "
            "and by associations brought in people who would never have joined an "
            "association.",
            "Members chosen by lot attended less regularly, and people with little French were "
            "effectively excluded until interpreting was introduced. Some departments answered "
            "opinions formally, without engaging with their substance.",
        ],
        "achievements_and_failures": [
            "The council's opinions led to concrete changes, among them longer opening hours "
            "at the residents' reception desk and translated information on school canteen "
            "fees. Several former members went on to stand for office after naturalisation.",
            "Most opinions, however, were acknowledged rather than acted upon, and members "
            "voiced frustration about this in interviews. The council has also had little "
            "influence on the metropolitan authority, which holds many of the powers that "
            "matter to residents, such as transport and housing.",
        ],
        "transferability_notes": [
            "Consultative bodies for foreign residents are common, but many become symbolic. "
            "The elements worth transferring are the obligation to reply in writing, the mix "
            "of selection methods and practical support such as interpreting and childcare.",
            "Cities should also decide early which level of government the body may address, "
            "so that it is not confined to the least important decisions.",
        ],
        "ratings": {
            "innovation": (
                4,
                "The combination of drawing lots with a binding obligation to reply was new "
                "when it was introduced.",
            ),
            "success": (
                2,
                "The council is active and has achieved some changes, but most of its opinions "
                "have had little effect on decisions.",
            ),
            "sustainability": (
                4,
                "The council is established by a council resolution and funded from the "
                "participation office's regular budget.",
            ),
            "transferability": (
                4,
                "The design can be reproduced in any city; its effect depends on political will "
                "more than on money.",
            ),
        },
        "video_url": "https://vimeo.com/426651093",
        "video_transcript": [
            (
                "Council member",
                "We wrote about the canteen fees. Three months later the reply came, and the "
                "form was translated into five languages.",
            ),
            (
                "Deputy mayor",
                "Having to answer in writing changes the conversation. You cannot just nod.",
            ),
        ],
        "tags": ["political participation", "consultative bodies", "local democracy"],
        "gallery": [
            "Plenary meetings take place every two months, with interpreting since 2016.",
            "Working groups prepare opinions between plenary sessions.",
        ],
    },
    {
        "slug": "community-mediation-fuenlabrada",
        "title": "Community mediation in housing estates",
        "city": "Fuenlabrada",
        "country": "Spain",
        "latitude": "40.284200",
        "longitude": "-3.794200",
        "policy_fields": ["social-cohesion", "housing"],
        "lead_organisation": "Fuenlabrada City Council, social services",
        "partners": [
            "Neighbourhood associations",
            "An association that trains community mediators",
            "Local police community unit",
        ],
        "public_authorities": [
            "Fuenlabrada City Council",
            "Regional housing agency of the Community of Madrid",
        ],
        "start_date": datetime.date(2008, 2, 1),
        "end_date": None,
        "summary": (
            "A team of municipal mediators, of mixed origins and languages, works in blocks of "
            "flats where conflicts between long-standing and newer residents over noise, shared "
            "spaces and service charges had escalated. They run building meetings, help set up "
            "residents' committees and train residents as volunteer mediators."
        ),
        "body": [
            ("heading", "How it works"),
            (
                "paragraph",
                [
                    "Requests for mediation come from residents, the housing agency, social "
                    "services and sometimes the police. Mediators first meet each side "
                    "separately and then, if both agree, together.",
                    "Where a conflict concerns a whole building, mediators organise a "
                    "building meeting, help residents agree on rules for shared spaces and "
                    "support the creation of a residents' committee that can manage service "
                    "charges and small repairs.",
                    "Each year a group of residents is trained as volunteer mediators, so that "
                    "buildings can settle minor disputes on their own.",
                ],
            ),
            (
                "quote",
                "The problem was never where people came from. It was who pays for the lift "
                "and who cleans the stairs.",
                "Mediator, interviewed during fieldwork",
            ),
        ],
        "context_features": [
            "Fuenlabrada grew very quickly from the 1970s as a working-class town on the edge "
            "of Madrid, and then received many migrants in the early 2000s. Some estates "
            "combined ageing original owners with young migrant families renting flats.",
            "Many of the conflicts concerned shared costs under Spanish rules for the "
            "management of residential buildings, which made practical agreements as "
            "important as intercultural understanding.",
        ],
        "assets_and_obstacles": [
            "Mediators from different backgrounds and their independence from the police were "
            "decisive for trust. Neighbourhood associations, with long roots in the town, "
            "helped to bring older residents to the table.",
            "During the economic crisis that began in 2008, arrears and evictions overwhelmed "
            "the service: mediation cannot solve a problem of money. Some residents distrusted "
            "mediators because referrals sometimes came from the police.",
        ],
        "achievements_and_failures": [
            "In the buildings where mediators worked, complaints to the police about "
            "neighbours fell markedly and dozens of residents' committees were set up. The "
            "volunteer mediators have become a recognised presence in several neighbourhoods.",
            "Volunteer mediators burned out when cases involved serious debt or violence, "
            "which should never have been left to them. In buildings where arrears were "
            "heavy, agreements collapsed as soon as money ran short.",
        ],
        "transferability_notes": [
            "Community mediation is widely transferable and relatively cheap. It works best "
            "where conflicts are about everyday matters, and it must be paired with social and "
            "financial support where the underlying problem is poverty.",
            "Keeping a clear separation from the police, and setting limits on what volunteers "
            "handle, are lessons any city can apply from the start.",
        ],
        "ratings": {
            "innovation": (
                3,
                "Mediation is well known; combining it with the creation of residents' "
                "committees and the training of volunteers adds real value.",
            ),
            "success": (
                4,
                "Complaints fell and many buildings organised themselves, although results were "
                "poor where financial hardship dominated.",
            ),
            "sustainability": (
                4,
                "The mediation team is part of the council's social services and has lasted "
                "through the economic crisis.",
            ),
            "transferability": (
                5,
                "The method is simple, inexpensive and applicable in most urban contexts.",
            ),
        },
        "video_url": "https://vimeo.com/394285107",
        "video_transcript": [
            (
                "Resident",
                "For two years we only spoke to each other through the police. Now there is a "
                "committee, and a cleaning rota on the door.",
            ),
            (
                "Mediator",
                "We do not decide who is right. We help them decide how to live together on "
                "the same stairs.",
            ),
        ],
        "tags": ["mediation", "neighbourhood conflict", "housing estates"],
        "gallery": [
            "Building meetings agree rules for stairs, courtyards and shared costs.",
            "Residents trained as volunteer mediators settle minor disputes on their own.",
        ],
    },
    {
        "slug": "mentoring-young-adults-milan",
        "title": "Mentoring for young people leaving reception care",
        "city": "Milan",
        "country": "Italy",
        "latitude": "45.464200",
        "longitude": "9.190000",
        "policy_fields": ["education", "employment"],
        "lead_organisation": "Municipality of Milan, social policy directorate",
        "partners": [
            "A network of volunteer mentors",
            "Vocational training centres",
            "Social cooperatives offering traineeships",
        ],
        "public_authorities": [
            "Municipality of Milan",
            "Prefecture of Milan, reception services",
        ],
        "start_date": datetime.date(2017, 1, 1),
        "end_date": None,
        "summary": (
            "Young people who arrived as unaccompanied minors are paired, about six months "
            "before their eighteenth birthday, with a volunteer mentor and a municipal social "
            "worker, so that leaving the reception system does not mean losing housing, "
            "training and support all at once."
        ),
        "body": [
            ("heading", "How it works"),
            (
                "paragraph",
                [
                    "Six months before a young person turns eighteen, the social worker draws "
                    "up a transition plan with them, covering housing, training, work and "
                    "residence status. A volunteer mentor is matched with the young person at "
                    "the same time.",
                    "Mentors meet their mentee at least once a week for a year. They help with "
                    "practical matters, such as renting a room or preparing for an interview, "
                    "and offer an adult relationship that continues beyond the reception "
                    "system.",
                    "The municipality can extend support in semi-independent housing up to "
                    "the age of twenty-one for young people who are in training or work.",
                ],
            ),
            (
                "quote",
                "On my birthday the centre said goodbye. My mentor was still there the next "
                "week, and the week after.",
                "Young participant, interviewed during fieldwork",
            ),
        ],
        "context_features": [
            "Milan receives many unaccompanied minors, and until the practice began most of "
            "them left reception on their eighteenth birthday with little preparation. "
            "National law later confirmed the possibility of extending support up to "
            "twenty-one, which the practice had anticipated.",
            "The city has a dense network of social cooperatives and volunteer associations, "
            "which made it possible to recruit mentors and find traineeships.",
        ],
        "assets_and_obstacles": [
            "The combination of a professional social worker and a volunteer mentor divided "
            "the work sensibly: the first handles entitlements and plans, the second offers "
            "continuity and everyday help.",
            "Matching took too long, often leaving young people without a mentor at the "
            "critical moment. Changes in national rules on residence permits in 2018 left "
            "several participants in legal uncertainty, which no mentoring could resolve.",
        ],
        "achievements_and_failures": [
            "Most participants were in training, work or education a year after turning "
            "eighteen, and many mentoring relationships continued informally for years.",
            "Housing remained the biggest gap: rooms in the private market were scarce and "
            "often refused to young migrants. About one mentor in four dropped out in the "
            "first six months, usually because the commitment was greater than expected.",
        ],
        "transferability_notes": [
            "The model suits any city that receives unaccompanied minors. Starting the "
            "transition well before the eighteenth birthday and pairing professional and "
            "volunteer support are the most transferable elements.",
            "Cities should invest in mentor preparation and in a housing strategy for young "
            "adults; without housing, the rest of the plan is fragile.",
        ],
        "ratings": {
            "innovation": (
                4,
                "Planning the transition six months ahead, with paired professional and "
                "volunteer support, was new in the Italian context.",
            ),
            "success": (
                3,
                "Education and work outcomes are encouraging, but housing and legal status "
                "problems persist.",
            ),
            "sustainability": (
                3,
                "The social worker posts are municipal; the mentoring network depends on "
                "volunteer recruitment and a small grant.",
            ),
            "transferability": (
                4,
                "The approach is transferable wherever there is a reception system for minors "
                "and a pool of volunteers.",
            ),
        },
        "video_url": "https://vimeo.com/403871526",
        "video_transcript": [
            (
                "Social worker",
                "Turning eighteen used to be a cliff edge. We are trying to turn it into a "
                "staircase.",
            ),
            (
                "Mentor",
                "He taught me more about patience than I taught him about CVs.",
            ),
        ],
        "tags": ["young people", "unaccompanied minors", "mentoring", "refugees"],
        "gallery": [
            "Mentors meet their mentee at least once a week for a year.",
            "Traineeships with social cooperatives are part of many transition plans.",
        ],
    },
]

# Shown on the home page, in this order.
FEATURED_PRACTICES = [
    "recognition-advice-hamburg",
    "tenancy-mentors-southwark",
    "health-guides-vejle",
    "parents-language-circles-vienna",
]

# --------------------------------------------------------------------------- news

NEWS_INDEX = {
    "title": "News",
    "intro": (
        "Updates from the academy: new practice profiles, fieldwork notes, course editions "
        "and what former trainees have done since."
    ),
}

# ``days_ago`` places each update relative to the day the demo is loaded: roughly one
# update a quarter over the last two years.
NEWS: list[dict] = [
    {
        "slug": "ten-practice-profiles-online",
        "title": "Ten functioning practice profiles are now online",
        "days_ago": 21,
        "authors": ["Karin Lindqvist"],
        "tags": ["practices", "kit"],
        "intro": (
            "Every practice studied for the academy now has a full public profile, with its "
            "infosheet, a documentary video and an honest account of what did not work."
        ),
        "body": [
            (
                "paragraph",
                [
                    "The ten practice profiles are now complete. Each one sets out the facts of "
                    "the measure, the context features that made a difference, its assets and "
                    "obstacles, its achievements and failures, and what might transfer to "
                    "another city.",
                    "The profiles can be filtered by city, country, policy field and theme. "
                    "Every profile links to a two-page infosheet that can be printed for "
                    "workshops.",
                ],
            ),
            ("cta", "Browse the practices", "", "practices", "See all practices"),
        ],
    },
    {
        "slug": "what-the-nominations-tell-us",
        "title": "What the call for practices told us",
        "days_ago": 112,
        "authors": ["Thomas Ashworth", "Giulia Ferrante"],
        "tags": ["call for practices", "selection"],
        "intro": (
            "Most nominations were self-nominations, and many described projects rather than "
            "policies. Here is what we learned from reading them all."
        ),
        "body": [
            (
                "paragraph",
                [
                    "The public call for practices brought in many more nominations than we "
                    "expected. Most came from the organisations running the measures "
                    "themselves. That is not a problem in itself, but it means nominations "
                    "tend to describe intentions and outputs rather than results.",
                    "A large share did not meet the pre-requisites: some were national "
                    "programmes with no local dimension, others had run for less than two "
                    "years, and a few involved no public authority at all.",
                ],
            ),
            ("subheading", "What we will change next time"),
            (
                "paragraph",
                "The next call will ask directly about failures and about the role of public "
                "authorities, and will offer a short telephone conversation to organisations "
                "unsure whether their measure qualifies.",
            ),
        ],
    },
    {
        "slug": "fieldwork-notes-gotland",
        "title": "Fieldwork notes from Gotland",
        "days_ago": 203,
        "authors": ["Giulia Ferrante"],
        "tags": ["fieldwork", "rural areas"],
        "intro": (
            "Twelve interviews in four days, two ferry crossings and one lesson: in a rural "
            "region, most integration problems start with the bus timetable."
        ),
        "body": [
            (
                "paragraph",
                [
                    "Our fieldwork on Gotland took us from the regional offices in Visby to "
                    "farms at the far end of the island. We interviewed the coordinator, "
                    "employers, teachers, former participants and a regional politician.",
                    "What struck us most was how practical the obstacles were. Transport, "
                    "childcare and the end of the tourist season shaped outcomes more than any "
                    "question of culture or motivation.",
                ],
            ),
            (
                "quote",
                "Integration here is a question of who has a car.",
                "Regional official",
            ),
        ],
    },
    {
        "slug": "functioning-not-best-practices",
        "title": "Why we say functioning, not best, practices",
        "days_ago": 294,
        "authors": ["Thomas Ashworth"],
        "tags": ["method", "practices"],
        "intro": (
            "Calling a measure a best practice suggests it will work anywhere. Our research "
            "suggests the opposite, and the vocabulary matters."
        ),
        "body": [
            (
                "paragraph",
                [
                    "A best practice implies a ranking and a recipe: find the winner, copy it. "
                    "But integration measures work because of the way they fit their context, "
                    "the local labour market, the powers of the city, the people involved.",
                    "A functioning practice is one that achieves its objectives where it is. "
                    "Studying it means asking which features of the context mattered, so that "
                    "another city can judge what would need to be different for the idea to "
                    "work there.",
                ],
            ),
            ("cta", "Read about our method", "", "method", "Our method"),
        ],
    },
    {
        "slug": "residential-week-turin",
        "title": "Back from the residential week in Turin",
        "days_ago": 386,
        "authors": ["Elena Marchetti", "Karin Lindqvist"],
        "tags": ["academy", "residential"],
        "intro": (
            "Thirty-two officials and practitioners from fourteen countries spent a week in "
            "Turin working through case studies, study visits and open-space debates."
        ),
        "body": [
            (
                "paragraph",
                [
                    "The residential week combined lectures on localisation and mainstreaming "
                    "with case studies drawn from the functioning practices. Participants "
                    "visited a neighbourhood centre and a municipal employment office, and "
                    "spent a morning on a role-play of a council meeting deciding on a budget "
                    "cut.",
                    "On the last day groups presented ideas for joint initiatives. Several "
                    "are already planning exchanges between their cities.",
                ],
            ),
            (
                "quote",
                "I came expecting to hear about other cities. I left with a list of people I "
                "will call next month.",
                "Participant",
            ),
        ],
    },
    {
        "slug": "mainstreaming-under-austerity",
        "title": "Mainstreaming under austerity: notes from a panel",
        "days_ago": 477,
        "authors": ["Thomas Ashworth"],
        "tags": ["mainstreaming", "policy"],
        "intro": (
            "Is mainstreaming a principled choice or a cover for cuts? A panel of city "
            "officials and researchers disagreed, usefully."
        ),
        "body": [
            (
                "paragraph",
                [
                    "Mainstreaming means addressing the needs of people with a migrant "
                    "background through general policies rather than separate programmes. "
                    "The panel agreed on the principle but not on the practice.",
                    "One city official argued that closing targeted services had freed money "
                    "for better general ones. A researcher replied that in several cities "
                    "mainstreaming had simply meant that specialised knowledge disappeared "
                    "along with the budget lines.",
                ],
            ),
            (
                "paragraph",
                "The discussion paper in the kit takes up this question in more detail.",
            ),
            ("cta", "Open the kit", "", "kit", "Go to the kit"),
        ],
    },
    {
        "slug": "follow-up-meeting-brussels",
        "title": "Follow-up meeting in Brussels: what carried on",
        "days_ago": 568,
        "authors": ["Elena Marchetti"],
        "tags": ["academy", "follow-up"],
        "intro": (
            "Three months after the residential course, former trainees met in Brussels. Some "
            "of the joint initiatives started in Turin had kept going."
        ),
        "body": [
            (
                "paragraph",
                [
                    "The follow-up meeting brought together former trainees, researchers and "
                    "representatives of European institutions. Participants reported on what "
                    "had happened since the course.",
                    "Two groups had organised staff exchanges between their cities, and one "
                    "had drafted a joint funding application. Others admitted that daily work "
                    "had taken over, which is exactly why the online forums matter.",
                ],
            ),
        ],
    },
    {
        "slug": "peer-review-one-stop-shops",
        "title": "Peer review on one-stop shops for newcomers",
        "days_ago": 659,
        "authors": ["Giulia Ferrante", "Elena Marchetti"],
        "tags": ["communities of practice", "peer review"],
        "intro": (
            "Four cities opened their one-stop shops to colleagues for a peer review. The "
            "findings are frank, and useful well beyond the four."
        ),
        "body": [
            (
                "paragraph",
                [
                    "One-stop shops bring several services for newcomers under one roof: "
                    "registration, advice, language course enrolment, sometimes employment "
                    "services. The peer review looked at how they are organised and who they "
                    "actually reach.",
                    "Reviewers found that the shops work best when staff from different "
                    "services share cases, not just a building. They also found that "
                    "newcomers who do not know the shop exists are, by definition, not in the "
                    "statistics.",
                ],
            ),
        ],
    },
]

# --------------------------------------------------------------------------- standard pages

STANDARD_PAGES: list[dict] = [
    {
        "slug": "about",
        "title": "About the academy",
        "show_in_menus": True,
        "intro": (
            "A research-based, co-operative training programme for city officials and local "
            "stakeholders who shape migrant integration policy."
        ),
        "body": [
            ("heading", "What the academy is"),
            (
                "paragraph",
                [
                    "The academy trains the people who design and deliver local integration "
                    "policy: officials in city administrations, staff of public services, and "
                    "practitioners in civil society organisations that work with them.",
                    "Its teaching material is built on functioning practices, local measures "
                    "that our researchers visited, documented and analysed. Trainees learn "
                    "from what worked, from what did not, and from each other.",
                ],
            ),
            ("image", "about", "Trainees work in small groups during the residential week."),
            ("heading", "Three phases"),
            (
                "table",
                "The academy is a blended course in three phases.",
                [
                    ["Phase", "Where", "What happens"],
                    [
                        "Pre-training",
                        "Online",
                        "Training material released as modules: concepts, practice profiles "
                        "and videos.",
                    ],
                    [
                        "Residential",
                        "Face to face, for example in Turin, five to ten days",
                        "Lectures and discussions, case studies, open-space debates, role-play, "
                        "study visits and group work.",
                    ],
                    [
                        "Follow-up",
                        "Online",
                        "Wider sharing of tools and networking in the alumni forums.",
                    ],
                ],
            ),
            ("heading", "Who runs it"),
            (
                "paragraph",
                "The first academy was led by an international training centre in Turin, with a "
                "university migration research centre in Oxford and an Italian migration "
                "research forum as partners. The residential course was held in Turin in "
                "February 2014, and a follow-up event in Brussels in May 2014 showed that some "
                "participants' joint initiatives had carried on.",
            ),
            ("document", "discussion-paper", "Read the discussion paper (PDF)"),
            (
                "cta",
                "Start with the practices",
                "Ten local measures from across Europe, each with an infosheet and a video.",
                "practices",
                "Browse the practices",
            ),
        ],
    },
    {
        "slug": "method",
        "title": "How we select and study practices",
        "show_in_menus": True,
        "intro": (
            "A two-stage selection, a fieldwork visit to every practice, and an analysis that "
            "looks at the policy-making process as well as the outcomes."
        ),
        "body": [
            ("heading", "Stage one: the long list"),
            (
                "paragraph",
                "Practices reach the long list if they meet five pre-requisites. Candidates "
                "come from a literature and web review, from experts and city networks, and "
                "from nominations, most of them self-nominations, received through a public "
                "call for practices.",
            ),
            (
                "table",
                "Pre-requisites for the long list",
                [
                    ["Pre-requisite", "What we check"],
                    [
                        "Integration goals",
                        "Clear goals for people with a migrant background, whether or not the "
                        "measure is aimed only at migrants.",
                    ],
                    ["Local level", "The measure is carried out at local level."],
                    ["Public authorities", "Public authorities are involved."],
                    [
                        "Duration",
                        "Live, or ended no more than two years ago, with at least two years of "
                        "implementation.",
                    ],
                    ["Variety", "The set as a whole spans a variety of policy fields."],
                ],
            ),
            ("heading", "Stage two: the short list of ten"),
            (
                "paragraph",
                [
                    "Practices on the long list are assessed on four qualifying features: "
                    "degree of innovation, success in achieving objectives, economic and "
                    "financial sustainability, and transferability. Each is rated from one to "
                    "five, with a written justification.",
                    "The final ten are chosen so that together they represent different policy "
                    "sectors, countries and types of city.",
                ],
            ),
            ("heading", "Fieldwork and analysis"),
            (
                "paragraph",
                "Each of the ten practices received a fieldwork visit with ten to twelve "
                "interviews, a documentary video of ten to twelve minutes and an infosheet. "
                "The analysis covers which context features actually mattered, assets and "
                "obstacles, and achievements and failures. Failures are transferable knowledge "
                "too.",
            ),
            (
                "quote",
                "We did not ask whether a practice was the best. We asked why it worked where "
                "it did, and what went wrong along the way.",
                "From the discussion paper",
            ),
        ],
    },
    {
        "slug": "definition-of-integration",
        "title": "Definition of integration",
        "show_in_menus": False,
        "intro": "The working definition behind the academy, and the two policy themes that frame it.",
        "body": [
            ("heading", "A working definition"),
            (
                "paragraph",
                "The academy uses a deliberately loose definition. Integration is a dynamic, "
                "multi-actor process of mutual engagement that enables everyone's "
                "participation in economic, political, social and cultural life, and a shared "
                "sense of belonging.",
            ),
            (
                "paragraph",
                [
                    "Three points follow. Integration involves everyone, not only newcomers. It "
                    "is a process, not a state reached once and for all. And it concerns "
                    "several dimensions of life, which may move at different speeds.",
                ],
            ),
            ("heading", "Localisation"),
            (
                "paragraph",
                "Cities are where integration happens day to day. They run schools, housing, "
                "and many social services, and they are often the first to notice when "
                "national policies do not work. Localisation refers to the growing role of "
                "cities in integration policy, and to the tensions with other levels of "
                "government that come with it.",
            ),
            ("heading", "Mainstreaming"),
            (
                "paragraph",
                "Mainstreaming means addressing the needs of people with a migrant background "
                "through general policies, for everyone, rather than through separate "
                "migrant-only measures. Both themes are discussed against the background of "
                "austerity, which has made them more urgent and more contested.",
            ),
        ],
    },
    {
        "slug": "partners",
        "title": "Partners",
        "show_in_menus": False,
        "intro": "The organisations that run the academy and the networks it works with.",
        "body": [
            ("heading", "The first academy"),
            (
                "paragraph",
                [
                    "An international training centre in Turin led the first academy and hosted "
                    "the residential course.",
                    "A university migration research centre in Oxford led the research on "
                    "functioning practices and wrote the discussion paper.",
                    "An Italian migration research forum carried out part of the fieldwork and "
                    "contributed to the training material.",
                ],
            ),
            ("heading", "Later programmes"),
            (
                "paragraph",
                "Later programmes of the same family run thematic communities of practice, on "
                "subjects such as early labour-market integration, housing support and "
                "one-stop shops, with benchmarks, peer reviews and online training sessions. "
                "One of them joined a city network of twelve partner cities, each running a "
                "co-designed pilot supported by a grant of 30,000 euros.",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "show_in_menus": False,
        "intro": "What personal data this site keeps, why, and what you can ask us to do with it.",
        "body": [
            ("heading", "What we collect"),
            (
                "paragraph",
                [
                    "If you create an account, we keep your e-mail address, your name and the "
                    "password you chose, stored in a form that cannot be read back. If you "
                    "enrol in an academy edition, we keep your enrolment, your progress and "
                    "anything you post in the forums.",
                    "If you nominate a practice, we keep the information you send us and your "
                    "contact details so that we can ask follow-up questions.",
                ],
            ),
            ("heading", "Why we keep it"),
            (
                "paragraph",
                "We use your data to run the course, to issue certificates and to let alumni "
                "contact each other in the forums. We do not sell it or share it with "
                "advertisers. The site uses only the cookies it needs to keep you signed in "
                "and to protect forms.",
            ),
            ("heading", "Your rights"),
            (
                "paragraph",
                "You can ask to see, correct or delete your data at any time by writing to the "
                "contact address at the bottom of this page. Forum posts can be anonymised "
                "rather than deleted, so that discussions stay readable.",
            ),
        ],
    },
]

# --------------------------------------------------------------------------- home, kit, footer

HOME: dict = {
    "title": "Home",
    "hero_title": "Learning from cities that make integration work",
    "hero_intro": (
        "A training academy for the officials and practitioners who shape local integration "
        "policy, built on ten functioning practices from across Europe."
    ),
    "cta_title": "Join the academy",
    "cta_text": (
        "Online modules, a residential week and a community of alumni that lasts after the "
        "course. Find out how the academy works and who it is for."
    ),
    "cta_label": "About the academy",
    "cta_page": "about",
}

KIT: dict = {
    "title": "The kit",
    "intro": (
        "<p>Everything the academy produced, free to use in your own training: the "
        "discussion paper, an infosheet for each functioning practice, and the documentary "
        "videos.</p>"
    ),
    "discussion_paper_summary": (
        "The paper explains why the academy speaks of functioning rather than best practices, "
        "how practices were selected, and how localisation, mainstreaming and "
        "transferability shape what one city can learn from another."
    ),
}

DISCUSSION_PAPER: dict = {
    "title": "Discussion paper: learning from functioning practices",
    "subtitle": (
        "Conceptual and methodological notes for the integration academy. Prepared by the "
        "academy's research team."
    ),
    "sections": [
        (
            "1. Why functioning, not best, practices",
            [
                "Policy learning between cities has long relied on collections of best "
                "practices. The label suggests that a measure has been compared with others and "
                "found superior, and that it can be reproduced elsewhere with similar results. "
                "Neither assumption holds well for local integration policy.",
                "Integration measures work, when they do, because of the way they fit their "
                "setting: the local labour and housing markets, the powers and budget of the "
                "city, the organisations already present, the history of migration to the "
                "area and, not least, the people who run them. A measure that succeeds in one "
                "city may fail in another for reasons that have nothing to do with its design.",
                "We therefore speak of functioning practices: measures that achieve their "
                "objectives in their own context. The aim of studying them is not to produce a "
                "recipe but to understand the mechanisms at work and the conditions they "
                "depend on, so that another city can judge what would have to be adapted.",
                "This has a consequence for how practices are documented. A profile must "
                "describe the context in enough detail to be useful, and it must report "
                "failures and obstacles as carefully as achievements. A failure explained is "
                "often more instructive than a success celebrated.",
            ],
        ),
        (
            "2. Integration, localisation and mainstreaming",
            [
                "The academy adopts a deliberately open definition of integration: a dynamic, "
                "multi-actor process of mutual engagement that enables everyone's "
                "participation in economic, political, social and cultural life and a shared "
                "sense of belonging. The definition places obligations on institutions and "
                "host communities as well as on newcomers.",
                "Localisation refers to the growing role of cities. Much of what shapes "
                "integration, schools, housing, social services, public space, is governed or "
                "delivered locally, and cities are often the first to see the effects of "
                "national decisions. Yet cities' powers and resources vary greatly across "
                "Europe, and their room for manoeuvre is frequently contested.",
                "Mainstreaming refers to addressing the needs of people with a migrant "
                "background through general policies rather than targeted programmes. It can "
                "reflect a principled commitment to equal treatment, but under austerity it "
                "can also serve as a justification for cutting specialised services. Several "
                "of the practices studied show how a general service can be adapted to diverse "
                "users without losing the knowledge that targeted programmes had built up.",
            ],
        ),
        (
            "3. Selection criteria",
            [
                "Practices were selected in two stages. For the long list, a practice had to "
                "meet five pre-requisites: clear integration goals for people with a migrant "
                "background, whether or not the measure was aimed only at migrants; "
                "implementation at local level; the involvement of public authorities; being "
                "live, or having ended no more than two years earlier, with at least two years "
                "of implementation; and, for the set as a whole, a variety of policy fields.",
                "Candidates came from a review of literature and websites, from experts and "
                "city networks, and from a public call for practices. Most nominations received "
                "through the call were self-nominations, which required careful checking "
                "against independent sources.",
                "For the short list, practices were rated on four qualifying features: degree "
                "of innovation, success in achieving objectives, economic and financial "
                "sustainability, and transferability. Ratings were accompanied by written "
                "justifications, and the final ten were chosen to represent different policy "
                "sectors, countries and sizes of city.",
            ],
        ),
        (
            "4. Studying practices in the field",
            [
                "Each selected practice received a fieldwork visit of several days, with ten to "
                "twelve interviews covering managers, front-line staff, partners, public "
                "authorities and participants. A documentary video of ten to twelve minutes and "
                "a two-page infosheet were produced for each practice.",
                "The analysis covers the policy-making process as well as outcomes: how the "
                "practice came about, who supported and who resisted it, which resources it "
                "drew on, and how it changed over time. Particular attention is paid to the "
                "context features that actually mattered, as distinct from those that merely "
                "describe the setting.",
            ],
        ),
        (
            "5. Transferability",
            [
                "Transferability is not a property of a practice alone; it depends on the match "
                "between the practice's key mechanisms and the conditions in the receiving "
                "city. We distinguish between the core of a practice, the elements without "
                "which it would not work, and its periphery, which can be changed freely.",
                "A city considering a transfer should ask three questions. Which mechanism "
                "produced the results? Which features of the original context did that "
                "mechanism depend on? Are those features present, or can they be created, in "
                "the receiving city? The residential course uses case studies and role-play to "
                "practise exactly this reasoning.",
                "Finally, transfer is rarely a matter of copying. The most successful cases we "
                "observed were those where a city borrowed an idea and rebuilt it with local "
                "partners, sometimes ending with something quite different from the original.",
            ],
        ),
        (
            "6. Open questions",
            [
                "Three questions remained open at the end of the research and are left to the "
                "trainees. First, how should a city weigh a practice that works well for a small "
                "group against a general service that reaches many people a little? Second, how "
                "can the knowledge built up in targeted programmes be kept when they are "
                "mainstreamed? Third, who should evaluate local practices, and with what "
                "resources, when most cities have no budget for evaluation at all?",
                "None of these has a single answer. They are, however, the questions that the "
                "residential course and the follow-up forums return to most often, and the "
                "practice profiles offer material for each of them.",
            ],
        ),
    ],
}

KIT_DOCUMENTS: list[dict] = [
    {
        "title": "Checklist: is this a functioning practice?",
        "description": (
            "A one-page checklist of the pre-requisites and qualifying features, for anyone "
            "preparing a nomination or assessing a local measure."
        ),
        "subtitle": "The selection criteria of the academy, as questions to answer.",
        "sections": [
            (
                "Pre-requisites",
                [
                    "Does the measure have clear integration goals for people with a migrant "
                    "background, whether or not it is aimed only at migrants?",
                    "Is it carried out at local level?",
                    "Are public authorities involved, as funders, partners or leaders?",
                    "Is it live, or did it end no more than two years ago? Has it run for at "
                    "least two years?",
                ],
            ),
            (
                "Qualifying features",
                [
                    "Innovation: what does the measure do that others in similar settings do not?",
                    "Success: which objectives were achieved, and how do you know?",
                    "Sustainability: how is the measure funded, and what happens if that "
                    "funding ends?",
                    "Transferability: which elements could another city reuse, and under which "
                    "conditions?",
                ],
            ),
        ],
    },
    {
        "title": "Trainer's guide to the documentary videos",
        "description": (
            "Suggestions for using the ten documentary videos in workshops, with discussion "
            "questions for each theme."
        ),
        "subtitle": "How to use the practice videos in a two-hour workshop.",
        "sections": [
            (
                "Before the session",
                [
                    "Choose two videos from different policy fields, ideally one live practice "
                    "and one that has closed. Ask participants to read the infosheets in "
                    "advance.",
                ],
            ),
            (
                "During the session",
                [
                    "Show each video once without comment. Then ask small groups to list the "
                    "context features that seem to matter, and compare their lists with the "
                    "analysis in the practice profile.",
                    "End with a transfer exercise: each group describes what would need to "
                    "change for one of the practices to work in their own city.",
                ],
            ),
        ],
    },
]

FOOTER: dict = {
    "partners": [
        "International training centre, Turin (lead)",
        "University migration research centre, Oxford",
        "Italian migration research forum",
    ],
    "funding_statement": (
        "The first edition of the academy was co-funded by the European Fund for the "
        "Integration of Third-Country Nationals. The content of this site reflects only the "
        "views of its authors; the European Commission is not responsible for any use that "
        "may be made of the information it contains."
    ),
    "contact_email": CONTACT_EMAIL,
}

# --------------------------------------------------------------------------- generated (--scale)

GENERATED_CITIES: list[tuple[str, str, str, str]] = [
    ("Athens", "Greece", "37.983800", "23.727500"),
    ("Milan", "Italy", "45.464200", "9.190000"),
    ("Gothenburg", "Sweden", "57.708900", "11.974600"),
    ("Vienna", "Austria", "48.208200", "16.373800"),
    ("Dortmund", "Germany", "51.513600", "7.465300"),
    ("Ghent", "Belgium", "51.054300", "3.717400"),
    ("Nantes", "France", "47.218400", "-1.553600"),
    ("Lublin", "Poland", "51.246500", "22.568400"),
    ("Zagreb", "Croatia", "45.815000", "15.981900"),
    ("Fuenlabrada", "Spain", "40.284200", "-3.794200"),
]

GENERATED_MEASURES: list[tuple[str, str]] = [
    ("Welcome desk for newcomers", "a single desk where newcomers register and get advice"),
    ("Job coaching for young adults", "one-to-one coaching towards training and work"),
    ("Neighbourhood language cafés", "informal conversation groups run by volunteers"),
    ("Housing advice for new tenants", "advice on rights and duties at the start of a tenancy"),
    ("School welcome classes", "a first term in a small class before joining regular lessons"),
    ("Health information sessions", "sessions on how the local health system works"),
    ("Mentoring for women entrepreneurs", "mentoring and small loans for new businesses"),
    ("Residents' forum", "a regular forum where residents raise questions with the council"),
]

GENERATED_NEWS_TOPICS: list[str] = [
    "online training session",
    "peer review visit",
    "benchmarking workshop",
    "community of practice meeting",
    "city pilot update",
    "study visit",
]
