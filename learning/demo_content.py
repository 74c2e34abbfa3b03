"""The words of the demo academy: its two editions, the four pre-training modules of the current
one with their lessons, knowledge checks and reflection prompts, and the demo cohort.

Lesson bodies are written as a small list of blocks; ``learning/demo.py`` turns them into
StreamField data with stable ids, so a trainee's answers stay attached to the same prompt.
Each block is one of:

- ``("paragraph", html)``
- ``("heading", text)``
- ``("practice", practice_slug, note)``: a practice card, kept only if that profile exists
- ``("reading", title, author, note)``
- ``("reflection", prompt_html)``: an answer is needed to complete the lesson
- ``("check", title, pass_mark, [(question, [(option, correct), ...], explanation_html), ...])``
"""

ACADEMY = {
    "title": "Academy",
    "slug": "academy",
    "intro": (
        "<p>The academy is a blended course for people who shape integration policy in "
        "cities: officials, service managers and their partners in civil society. Each "
        "edition runs in three phases: online pre-training, a residential week of lectures, "
        "case studies and study visits, and an online follow-up where alumni keep working "
        "together.</p>"
    ),
}

PAST_EDITION = {
    "title": "Turin 2014",
    "slug": "turin-2014",
    "summary": (
        "The first edition: four weeks of online preparation, ten days in Turin built on "
        "ten functioning practices, and a follow-up meeting in Brussels."
    ),
    "venue": "International training centre, Turin",
    "dates": {
        "pre_training_start": (2014, 1, 7),
        "pre_training_end": (2014, 2, 7),
        "residential_start": (2014, 2, 10),
        "residential_end": (2014, 2, 19),
        "follow_up_start": (2014, 2, 20),
        "follow_up_end": (2014, 5, 31),
    },
    "enrolment_closes": (2013, 12, 15),
    "capacity": 30,
    "intro": (
        "The residential course gathered city officials and local stakeholders from across "
        "Europe around the documentary videos and infosheets of ten functioning practices. "
        "In May 2014 a follow-up event in Brussels showed that several joint initiatives "
        "started in Turin had carried on."
    ),
    "modules": [
        {
            "slug": "preparing-for-turin",
            "title": "Preparing for Turin",
            "intro": "<p>Two short readings to share a vocabulary before the residential week.</p>",
            "outcomes": (
                "Explain the academy's working definition of integration\n"
                "Name the two policy themes of the course"
            ),
            "minutes": 60,
            "lessons": [
                {
                    "slug": "a-working-definition",
                    "title": "A working definition of integration",
                    "summary": "Integration as a process that involves everyone.",
                    "minutes": 30,
                    "body": [
                        (
                            "paragraph",
                            "<p>The course treats integration as a dynamic process with many "
                            "actors, in which newcomers and the people already living in a "
                            "place engage with each other. It succeeds when everyone can take "
                            "part in economic, political, social and cultural life and shares "
                            "a sense of belonging.</p>",
                        ),
                    ],
                },
                {
                    "slug": "two-themes",
                    "title": "Two themes: localisation and mainstreaming",
                    "summary": "Why the course looks at cities and at general policies.",
                    "minutes": 30,
                    "body": [
                        (
                            "paragraph",
                            "<p>Two questions run through the week in Turin: what cities can "
                            "do that national governments cannot, and how general services "
                            "can serve newcomers well without building a parallel system.</p>",
                        ),
                    ],
                },
            ],
        }
    ],
}

# The current edition's dates, in days from the day the demo is loaded: pre-training is under
# way, applications are still open and the residential week is six weeks away.
CURRENT_EDITION = {
    "title": "Ghent {year}",
    "slug": "ghent",
    "summary": (
        "Online pre-training in four modules, a residential week in Ghent with study visits, "
        "and a year of follow-up with the other cities of the cohort."
    ),
    "venue": "City conference centre, Ghent",
    "days": {
        "pre_training_start": -21,
        "pre_training_end": 38,
        "residential_start": 42,
        "residential_end": 48,
        "follow_up_start": 49,
        "follow_up_end": 230,
    },
    "enrolment_closes_in_days": 28,
    "capacity": 30,
    "application_help": (
        "<p>Tell us about your work: which integration measures you run or plan, who your "
        "partners are, and what you would like to bring back to your city. Two or three "
        "paragraphs are enough.</p>"
    ),
    "intro": (
        "This edition is for people who design or run local integration measures. The "
        "pre-training modules prepare the residential week: they introduce functioning "
        "practices, the policy themes of localisation and mainstreaming, how practices are "
        "selected, and what it takes to transfer one to another city."
    ),
}

MODULES = [
    {
        "slug": "functioning-practices",
        "title": "Functioning practices, not best practices",
        "intro": (
            "<p>Why the academy studies <em>functioning</em> practices, what a practice is "
            "made of, and why its failures teach as much as its successes.</p>"
        ),
        "outcomes": (
            "Explain why the course speaks of functioning rather than best practices\n"
            "Describe a practice by its context, its policy process and its outcomes\n"
            "Treat a failure as knowledge you can use"
        ),
        "minutes": 75,
        "requires_previous": False,
        "release_in_days": None,
        "lessons": [
            {
                "slug": "why-functioning",
                "title": "Why “functioning” and not “best”",
                "summary": "What works depends on where it works.",
                "minutes": 20,
                "body": [
                    (
                        "paragraph",
                        "<p>Reports on integration policy love the phrase <em>best "
                        "practice</em>. It promises a measure that worked somewhere and "
                        "will work anywhere, if only it is copied faithfully. Experience "
                        "says otherwise: a mentoring scheme that thrives in a small town "
                        "with a tight labour market can stall in a large city where "
                        "employers are anonymous and housing is scarce.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>The academy therefore speaks of <strong>functioning "
                        "practices</strong>: local measures that demonstrably work in "
                        "their own setting, documented together with that setting. The "
                        "word is modest on purpose. It does not rank practices against "
                        "each other; it asks what made each one work, for whom, and at "
                        "what cost.</p>",
                    ),
                    ("heading", "Three consequences for how we study practices"),
                    (
                        "paragraph",
                        "<ul><li>We describe the context as carefully as the measure "
                        "itself: the local labour market, the legal framework, the "
                        "partners who were already there.</li><li>We look at the process "
                        "that produced the measure, not only at its results.</li><li>We "
                        "record what failed, because a failure explained is something "
                        "another city can avoid.</li></ul>",
                    ),
                    (
                        "check",
                        "Check your understanding",
                        50,
                        [
                            (
                                "Why does the academy avoid the phrase “best practice”?",
                                [
                                    (
                                        "Because what works depends on the context it works in",
                                        True,
                                    ),
                                    ("Because no practice has measurable results", False),
                                    ("Because best practices are too expensive", False),
                                ],
                                "<p>A practice works in a setting. Calling it "
                                "“functioning” keeps the setting in view.</p>",
                            ),
                            (
                                "What does a functioning practice profile describe "
                                "besides the measure itself?",
                                [
                                    ("Only its budget", False),
                                    (
                                        "Its context, the process behind it and what went wrong",
                                        True,
                                    ),
                                    ("A ranking against other cities", False),
                                ],
                                "<p>Context, process and failures are what another city "
                                "needs to judge whether the idea can travel.</p>",
                            ),
                        ],
                    ),
                ],
            },
            {
                "slug": "anatomy-of-a-practice",
                "title": "The anatomy of a practice",
                "summary": "Context, policy process and outcomes, seen in one case.",
                "minutes": 25,
                "body": [
                    (
                        "paragraph",
                        "<p>Every practice profile in the kit answers the same three "
                        "questions. <strong>Context</strong>: which features of the place "
                        "actually mattered, such as the size of the city, who holds which "
                        "competence, or an existing network of associations. "
                        "<strong>Process</strong>: who had the idea, how it got funded, "
                        "which partners joined and which resisted. "
                        "<strong>Outcomes</strong>: what changed for the people it "
                        "serves, and how anyone knows.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Researchers gathered these answers on site: ten to twelve "
                        "interviews per practice with staff, partners and participants, "
                        "a short documentary and an infosheet. The interviews often "
                        "disagree, and that disagreement is part of the picture.</p>",
                    ),
                    (
                        "practice",
                        "recognition-advice-hamburg",
                        "Read the profile with the three questions in mind. Which context "
                        "features did the interviewees mention most often?",
                    ),
                    (
                        "reflection",
                        "<p>Think of an integration measure in your own city. Describe, in "
                        "a few sentences, one feature of its context that you believe made "
                        "it work, and one that held it back.</p>",
                    ),
                ],
            },
            {
                "slug": "failures-are-knowledge",
                "title": "Failures are knowledge too",
                "summary": "Assets, obstacles, achievements and failures.",
                "minutes": 20,
                "body": [
                    (
                        "paragraph",
                        "<p>Evaluation reports tend to describe what went well. The "
                        "academy's analysis asks the other question with the same care: "
                        "what obstacles did the team meet, which objectives were dropped, "
                        "which partners left, and why.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>A failure that is explained is transferable knowledge. A city "
                        "that plans a similar measure learns where the risks lie, which "
                        "agreements to secure first and which assumptions to test early. "
                        "In the residential week, the case studies always include the "
                        "difficult parts of the story.</p>",
                    ),
                    (
                        "reading",
                        "Learning from functioning practices",
                        "The academy's discussion paper, in the kit",
                        "The chapter on method explains how assets and obstacles were "
                        "coded across the ten practices.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "localisation-and-mainstreaming",
        "title": "Localisation and mainstreaming",
        "intro": (
            "<p>The two policy themes of the course: the role of cities, and general policies "
            "that also serve newcomers, both in times of tight budgets.</p>"
        ),
        "outcomes": (
            "Use the academy's working definition of integration\n"
            "Explain what cities can do that national governments cannot\n"
            "Tell a mainstreamed measure from a targeted one"
        ),
        "minutes": 90,
        "requires_previous": True,
        "release_in_days": None,
        "lessons": [
            {
                "slug": "integration-as-a-process",
                "title": "Integration as a shared process",
                "summary": "A working definition that involves everyone.",
                "minutes": 15,
                "body": [
                    (
                        "paragraph",
                        "<p>The academy uses a deliberately loose definition: integration "
                        "is a dynamic process involving many actors, in which people engage "
                        "with each other so that everyone can take part in economic, "
                        "political, social and cultural life and share a sense of "
                        "belonging.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Two words in it do a lot of work. <em>Process</em>: "
                        "integration is never finished, and a measure can help at one "
                        "stage and be useless at another. <em>Everyone</em>: the receiving "
                        "society is part of the process, not its judge.</p>",
                    ),
                ],
            },
            {
                "slug": "localisation",
                "title": "Localisation: why cities matter",
                "summary": "Integration happens in neighbourhoods, schools and job centres.",
                "minutes": 25,
                "body": [
                    (
                        "paragraph",
                        "<p>National governments set the rules on residence, work permits "
                        "and citizenship. Most of what newcomers experience, however, "
                        "happens locally: enrolling a child in school, finding a flat, "
                        "seeing a doctor, meeting neighbours. Cities run or commission "
                        "many of these services, and they see the results first.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Localisation is the name for this shift of attention to the "
                        "local level. It gives cities room to experiment, and it also "
                        "leaves them to cope with decisions taken elsewhere, often without "
                        "the money that should come with them.</p>",
                    ),
                    (
                        "reflection",
                        "<p>Which integration decisions that affect your city are taken "
                        "at national level, and which ones can your city make alone? Give "
                        "one example of each.</p>",
                    ),
                ],
            },
            {
                "slug": "mainstreaming",
                "title": "Mainstreaming: general policies that reach everyone",
                "summary": "Building newcomers' needs into services for all.",
                "minutes": 30,
                "body": [
                    (
                        "paragraph",
                        "<p>A targeted measure is designed for migrants only: a welcome "
                        "desk for newcomers, a language course for refugees. A "
                        "<strong>mainstreamed</strong> measure is a general service, such "
                        "as a kindergarten, a job centre or a housing office, that is "
                        "adapted so that people with a migrant background can use it as "
                        "easily as anyone else.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Mainstreaming avoids parallel systems and the stigma that "
                        "can come with them. It is harder to see and to measure, and it "
                        "depends on many departments accepting that integration is part "
                        "of their job. Most cities combine both: targeted help at arrival, "
                        "mainstream services for the long run.</p>",
                    ),
                    (
                        "practice",
                        "parents-language-circles-vienna",
                        "The language circles run inside ordinary kindergartens. What did "
                        "the city have to change in the mainstream service to make them "
                        "possible?",
                    ),
                    (
                        "check",
                        "Targeted or mainstreamed?",
                        50,
                        [
                            (
                                "A city trains all job-centre staff to recognise foreign "
                                "qualifications. What kind of measure is this?",
                                [
                                    ("Mainstreamed", True),
                                    ("Targeted", False),
                                ],
                                "<p>It changes a general service so that it works for "
                                "newcomers too.</p>",
                            ),
                            (
                                "What is a common risk of relying only on targeted measures?",
                                [
                                    ("They build parallel systems that can stigmatise", True),
                                    ("They cannot be funded by cities", False),
                                    ("They are forbidden by European law", False),
                                ],
                                "<p>Targeted help is valuable at arrival, but a separate "
                                "track for everything keeps people apart.</p>",
                            ),
                        ],
                    ),
                ],
            },
            {
                "slug": "policy-under-austerity",
                "title": "Policy under austerity",
                "summary": "Optional: what changes when budgets shrink.",
                "minutes": 20,
                "required": False,
                "body": [
                    (
                        "paragraph",
                        "<p>Both themes of the course were discussed against a background "
                        "of budget cuts. Austerity pushes cities towards mainstreaming, "
                        "sometimes for good reasons and sometimes simply because separate "
                        "services are closed. It also favours measures that rely on "
                        "volunteers and partnerships, which can be a strength and a "
                        "fragility at once.</p>",
                    ),
                    (
                        "reflection",
                        "<p>Has a budget cut changed an integration measure you know? Say "
                        "what was lost and, if anything, what was gained.</p>",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "selection-criteria",
        "title": "How practices are selected",
        "intro": (
            "<p>The two-stage selection behind the ten practices of the kit: a long list by "
            "pre-requisites, then a short list by qualifying features.</p>"
        ),
        "outcomes": (
            "List the five pre-requisites of the long list\n"
            "Apply the four qualifying features of the short list\n"
            "Explain where nominations come from"
        ),
        "minutes": 80,
        "requires_previous": False,
        "release_in_days": None,
        "lessons": [
            {
                "slug": "long-list",
                "title": "The long list: five pre-requisites",
                "summary": "What every candidate practice must meet.",
                "minutes": 25,
                "body": [
                    (
                        "paragraph",
                        "<p>A practice reaches the long list only if it meets all five "
                        "pre-requisites:</p><ol><li>It has clear integration goals for "
                        "people with a migrant background, whether or not it is aimed at "
                        "migrants only.</li><li>It is carried out at local level.</li><li>"
                        "Public authorities are involved.</li><li>It is running, or ended "
                        "no more than two years ago, and has at least two years of "
                        "implementation behind it.</li><li>Taken together, the practices "
                        "on the list cover a variety of policy fields.</li></ol>",
                    ),
                    (
                        "paragraph",
                        "<p>The first four are checked for each nomination; the fifth is "
                        "a property of the list as a whole, which is why a strong "
                        "candidate can still be left out if its field is already well "
                        "represented.</p>",
                    ),
                    (
                        "check",
                        "Check the pre-requisites",
                        60,
                        [
                            (
                                "A national ministry runs a language test reform across "
                                "the country. Which pre-requisite does it miss?",
                                [
                                    ("Carried out at local level", True),
                                    ("Clear integration goals", False),
                                    ("At least two years of implementation", False),
                                ],
                                "<p>The academy studies local practices; a national "
                                "reform fails the local-level pre-requisite.</p>",
                            ),
                            (
                                "A practice ended four years ago after six good years. "
                                "Can it enter the long list?",
                                [
                                    ("Yes, its results are known", False),
                                    (
                                        "No, it ended more than two years ago",
                                        True,
                                    ),
                                ],
                                "<p>Practices must be live or recently ended, so that "
                                "the people who ran them can still be interviewed.</p>",
                            ),
                            (
                                "Which pre-requisite is judged on the list as a whole "
                                "rather than on one practice?",
                                [
                                    ("Involvement of public authorities", False),
                                    ("A variety of policy fields", True),
                                    ("Clear integration goals", False),
                                ],
                                "<p>Variety is a property of the set, not of a single "
                                "practice.</p>",
                            ),
                        ],
                    ),
                ],
            },
            {
                "slug": "short-list",
                "title": "The short list: four qualifying features",
                "summary": "Innovation, success, sustainability and transferability.",
                "minutes": 30,
                "body": [
                    (
                        "paragraph",
                        "<p>From the long list, ten practices are chosen by four "
                        "qualifying features: the <strong>degree of innovation</strong>, "
                        "their <strong>success</strong> in reaching their own objectives, "
                        "their <strong>economic and financial sustainability</strong>, and "
                        "their <strong>transferability</strong> to other places. The final "
                        "ten must also represent different policy sectors.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Reviewers score each feature separately and explain their "
                        "score. A practice that is very innovative but has not yet proved "
                        "itself can rank below a modest one with solid results; the "
                        "discussion of such cases is often the most useful part of the "
                        "selection.</p>",
                    ),
                    (
                        "practice",
                        "fair-rental-checks-ghent",
                        "Score this practice yourself on the four features before you read "
                        "the reviewers' comments in the profile.",
                    ),
                    (
                        "reflection",
                        "<p>Which of the four qualifying features would be hardest to "
                        "demonstrate for a measure in your own city, and why?</p>",
                    ),
                ],
            },
            {
                "slug": "where-nominations-come-from",
                "title": "Where nominations come from",
                "summary": "Literature, experts, networks and a public call.",
                "minutes": 15,
                "body": [
                    (
                        "paragraph",
                        "<p>The long list draws on several sources: a review of the "
                        "literature and the web, suggestions from experts and city "
                        "networks, and a public call for practices. Most nominations "
                        "received through the call are self-nominations by the people who "
                        "run the practice.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Self-nominations bring practices that no report has described "
                        "yet, and they bring enthusiasm. They also need a careful check "
                        "against the pre-requisites, since the nominators naturally "
                        "describe their work at its best.</p>",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "transferability",
        "title": "Transferability",
        "intro": (
            "<p>What can travel from one city to another, under which conditions, and how "
            "to plan a transfer. This module opens shortly before the residential week.</p>"
        ),
        "outcomes": (
            "Separate a practice's core idea from its local form\n"
            "Check the conditions a transfer depends on\n"
            "Sketch a transfer plan for your own city"
        ),
        "minutes": 85,
        "requires_previous": False,
        "release_in_days": 21,
        "lessons": [
            {
                "slug": "what-travels",
                "title": "What travels and what does not",
                "summary": "The core idea and its local form.",
                "minutes": 20,
                "body": [
                    (
                        "paragraph",
                        "<p>A practice is rarely transferred whole. What travels is its "
                        "core idea, the mechanism that makes it work: for example, "
                        "reaching parents through a place they already visit every day. "
                        "The local form, such as who employs the staff or which building "
                        "hosts the activity, usually has to be rebuilt.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Separating the two is the first step of any transfer. Ask "
                        "what the practice would lose if a given element were removed; if "
                        "the answer is “nothing essential”, that element belongs to the "
                        "local form.</p>",
                    ),
                ],
            },
            {
                "slug": "conditions-for-transfer",
                "title": "The conditions for transfer",
                "summary": "Competences, partners, money and time.",
                "minutes": 25,
                "body": [
                    (
                        "paragraph",
                        "<p>Whether a practice can work elsewhere depends on a few "
                        "conditions that the profiles make visible: the receiving city "
                        "must hold the competence to act, find partners able to play the "
                        "roles the practice needs, secure funding beyond a pilot year, "
                        "and allow enough time for trust to build.</p>",
                    ),
                    (
                        "check",
                        "Conditions for transfer",
                        50,
                        [
                            (
                                "What is usually transferred from one city to another?",
                                [
                                    ("The core idea, rebuilt in a local form", True),
                                    ("The whole practice, unchanged", False),
                                    ("Only the budget", False),
                                ],
                                "<p>The mechanism travels; the organisation around it "
                                "is rebuilt.</p>",
                            ),
                            (
                                "Which of these is a condition for transfer?",
                                [
                                    ("The receiving city holds the competence to act", True),
                                    ("The original city approves every change", False),
                                ],
                                "<p>Without the competence, the receiving city cannot "
                                "run the measure however good the idea.</p>",
                            ),
                        ],
                    ),
                ],
            },
            {
                "slug": "planning-a-transfer",
                "title": "Planning a transfer to your city",
                "summary": "A first sketch to bring to the residential week.",
                "minutes": 40,
                "body": [
                    (
                        "paragraph",
                        "<p>Choose one practice from the kit and sketch how it could work "
                        "in your city. Name the core idea, the local partners who could "
                        "carry it, the competence and funding it needs, and the first "
                        "obstacle you expect. In the residential week you will refine the "
                        "sketch with trainees from other cities.</p>",
                    ),
                    (
                        "practice",
                        "health-guides-vejle",
                        "A practice that several cities have tried to adapt. What did they "
                        "keep and what did they change?",
                    ),
                    (
                        "reflection",
                        "<p>Write your first sketch: the practice you chose, its core "
                        "idea, your partners, and the first obstacle you expect.</p>",
                    ),
                ],
            },
        ],
    },
]

# The demo cohort of the current edition. Progress is the number of lessons completed, in
# course order, among those open to trainees; "pending" people have applied and wait.
FIRST_NAMES = [
    "Amira",
    "Bram",
    "Chiara",
    "Dorota",
    "Emil",
    "Fatou",
    "Gustav",
    "Hana",
    "Ilias",
    "Joana",
    "Kerstin",
    "Luca",
    "Mirela",
    "Nikos",
    "Olga",
    "Pieter",
    "Rania",
    "Sven",
    "Teresa",
    "Yusuf",
    "Zofia",
    "Marco",
    "Ines",
    "Tomasz",
]
LAST_NAMES = [
    "Haddad",
    "Verhoeven",
    "Bianchi",
    "Nowak",
    "Lindqvist",
    "Diallo",
    "Eriksson",
    "Kovac",
    "Papadakis",
    "Sousa",
    "Becker",
    "Romano",
    "Popescu",
    "Georgiou",
    "Ivanova",
    "Jansen",
    "Khalil",
    "Nilsson",
    "Moreno",
    "Demir",
    "Wojcik",
    "Ferri",
    "Garcia",
    "Zielinski",
]
PLACES = [
    ("City of Ghent, integration service", "Ghent", "Belgium"),
    ("Milan social policy department", "Milan", "Italy"),
    ("Gothenburg city libraries", "Gothenburg", "Sweden"),
    ("Vienna department for integration and diversity", "Vienna", "Austria"),
    ("Dortmund city council", "Dortmund", "Germany"),
    ("Nantes Métropole", "Nantes", "France"),
    ("Lublin City Office", "Lublin", "Poland"),
    ("City of Zagreb health office", "Zagreb", "Croatia"),
    ("Fuenlabrada City Council", "Fuenlabrada", "Spain"),
    ("City of Athens migrant integration council", "Athens", "Greece"),
    ("Refugee welcome association", "Hamburg", "Germany"),
    ("Southwark Council", "London", "United Kingdom"),
]
ROLES = [
    "Integration officer",
    "Head of the welcome service",
    "Social worker",
    "Policy adviser",
    "Project coordinator",
    "Community organiser",
]
COHORT_SIZE = 20
PENDING_SIZE = 4
# Lessons completed by each generated trainee, cycled: from just started to all that is open.
COHORT_PROGRESS = [0, 1, 2, 3, 3, 4, 5, 6, 7, 9, 2, 3, 5, 1, 8, 4, 6, 0, 3, 7]

ALUMNI_COUNT = 8

MOTIVATIONS = [
    "I coordinate services that newcomers use every week, and I would like to compare our "
    "approach with what other cities have learned, especially about working with partners "
    "outside the city administration.",
    "Our council has just merged its refugee team into the general social services. I want to "
    "understand what mainstreaming asks of the staff who now carry that work.",
    "We run a small mentoring scheme that depends on volunteers. I hope to learn how other "
    "cities made similar schemes last beyond the first grant.",
    "I advise our mayor on integration and would like evidence from other cities before we "
    "choose which measures to fund next year.",
]

# What the demo trainee wrote, by lesson, and the facilitator's answer to the shared one.
TRAINEE_REFLECTIONS = {
    "anatomy-of-a-practice": (
        "Our welcome desk at the town hall works because the library next door already ran "
        "language cafés, so volunteers and newcomers knew the building. What held it back was "
        "that the desk depends on one department's budget, renewed every year."
    ),
}
TRAINEE_FEEDBACK = (
    "A good example of context that matters: the library was an asset nobody planned. For the "
    "residential week, think about who else could co-fund the desk so it does not hang on a "
    "single budget line."
)
# Reflections of the generated trainees: one sentence, with the trainee's own city.
COHORT_REFLECTION = (
    "In {city} the measure I know best worked because a few partners already trusted each "
    "other; it struggled whenever the funding had to be renewed."
)
