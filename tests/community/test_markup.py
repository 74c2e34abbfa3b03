"""Markdown as members write it, and hostile input as an attacker would: whatever goes in, the
stored HTML holds only ordinary formatting, and every link is marked as user-generated."""

import pytest
from bs4 import BeautifulSoup

from community import markup
from tests.community.factories import start_topic
from tests.html import element, squash, text

ALLOWED = markup.ALLOWED_TAGS


def tags_in(html: str) -> set[str]:
    return {tag.name for tag in BeautifulSoup(html, "html.parser").find_all(True)}


def attributes_in(html: str) -> set[str]:
    return {name for tag in BeautifulSoup(html, "html.parser").find_all(True) for name in tag.attrs}


def hrefs_in(html: str) -> list[str]:
    return [a.get("href") for a in BeautifulSoup(html, "html.parser").find_all("a")]


HOSTILE = {
    "script": "<script>alert(document.cookie)</script>",
    "script in a link": "[click](javascript:alert(1))",
    "mixed case scheme": "[click](JaVaScRiPt:alert(1))",
    "scheme with a tab": "[click](java\tscript:alert(1))",
    "entity-encoded scheme": "[click](&#106;avascript:alert(1))",
    "autolink script": "<javascript:alert(1)>",
    "vbscript": "[click](vbscript:msgbox(1))",
    "data html": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data image link": "[click](data:image/png;base64,iVBORw0KGgo=)",
    "data image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "image with onerror": '<img src=x onerror="alert(1)">',
    "event handler on a link": '<a href="https://example.org" onclick="alert(1)">hi</a>',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "svg": "<svg onload=alert(1)><circle r=10></svg>",
    "style": "<style>body { display: none }</style>",
    "style attribute": '<p style="position:fixed;top:0">cover</p>',
    "form": '<form action="https://evil.example"><input name="password"></form>',
    "unknown tag": "<marquee>hello</marquee><blink>there</blink>",
    "comment": "Before <!-- <script>alert(1)</script> --> after",
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "broken nesting": "<b><i>unclosed <script>x",
    "title attribute breakout": '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_is_neutralised(source):
    html = markup.render(source)

    assert tags_in(html) <= ALLOWED
    assert not {name for name in attributes_in(html) if name.startswith("on")}
    assert "style" not in attributes_in(html)
    for href in hrefs_in(html):
        assert href is None or href.split(":", 1)[0] in {"http", "https", "mailto"}
    lowered = html.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<!--" not in lowered


def test_raw_html_is_shown_as_text_not_run():
    html = markup.render("Use <b>bold</b> and <script>alert(1)</script>")

    assert tags_in(html) == {"p"}
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "source",
    ["[click](javascript:alert(1))", "[click](data:text/html,hi)", "[click](vbscript:x)"],
)
def test_a_link_to_a_dangerous_scheme_never_becomes_a_link_target(source):
    html = markup.render(source)

    assert all(href is None for href in hrefs_in(html))


def test_ordinary_formatting_is_kept():
    source = "\n".join(
        [
            "**Bold**, *italic*, ~~struck~~ and `code`.",
            "",
            "- one",
            "- two",
            "",
            "3. three",
            "",
            "> A quote",
            "",
            "```",
            "if x < 3: pass",
            "```",
            "",
            "| City | Months |",
            "| --- | ---: |",
            "| Vejle | 6 |",
            "",
            "---",
        ]
    )

    html = markup.render(source)

    assert "<strong>Bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<s>struck</s>" in html
    assert "<code>code</code>" in html
    assert "<ul>" in html and '<ol start="3">' in html
    assert "<blockquote>" in html
    assert "<pre><code>if x &lt; 3: pass" in html
    assert "<th>City</th>" in html and '<td align="right">6</td>' in html
    assert "<hr>" in html


def test_headings_start_at_h3_under_the_page_and_post_headings():
    html = markup.render("# Big\n\n## Smaller\n\n#### Small")

    assert [tag.name for tag in BeautifulSoup(html, "html.parser").find_all(True)] == [
        "h3",
        "h4",
        "h6",
    ]
    assert "Big" in html


def test_links_are_marked_as_user_generated():
    html = markup.render(
        "[the report](https://example.org/report.pdf), <https://example.org> and "
        "[write](mailto:team@example.org)"
    )

    anchors = BeautifulSoup(html, "html.parser").find_all("a")
    assert [a["href"] for a in anchors] == [
        "https://example.org/report.pdf",
        "https://example.org",
        "mailto:team@example.org",
    ]
    assert {" ".join(a["rel"]) for a in anchors} == {"nofollow ugc noopener"}


def test_a_link_cannot_set_its_own_rel_or_target():
    html = markup.render('<a href="https://example.org" rel="opener" target="_blank">x</a>')

    assert tags_in(html) == {"p"}
    assert attributes_in(html) == set()


def test_nested_quotes_stay_quotes():
    inner = markup.quote("First point.", handle="alumnus", number=2)
    outer = markup.quote(inner + "I agree.", handle="trainee", number=3)

    html = markup.render(outer + "And so do I.")

    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select("blockquote blockquote")) == 1
    assert "@trainee wrote in post 3:" in soup.blockquote.get_text()
    assert squash(soup.select_one("blockquote blockquote").get_text(" ")) == (
        "@alumnus wrote in post 2: First point."
    )
    assert soup.find_all("p")[-1].get_text() == "And so do I."


def test_a_quote_of_a_former_member_names_nobody():
    assert markup.quote("Hello.", handle=None, number=4).startswith(
        "> A former member wrote in post 4:"
    )


def test_mentions_link_to_members_but_not_inside_code_or_addresses():
    html = markup.render(
        "Ask @alumnus, not `@alumnus` or alumnus@example.org; @nobody stays text.",
        profile_urls={"alumnus": "/community/members/alumnus/"},
    )

    assert hrefs_in(html) == ["/community/members/alumnus/"]
    assert "<code>@alumnus</code>" in html
    assert "@nobody" in html


def test_a_hostile_post_shows_as_harmless_text_on_the_topic_page(client, community_world):
    world = community_world
    topic = start_topic(
        world.member,
        world.general,
        title="<script>alert('title')</script>",
        source='<img src=x onerror="alert(1)"> [x](javascript:alert(2)) **fine**',
    )
    client.force_login(world.alumnus)

    response = client.get(topic.get_absolute_url())

    post = element(response, "#post-1 .post__body")
    assert post.find_all(["img", "script"]) == []
    assert post.find("strong").get_text() == "fine"
    assert "<img" in text(response, "#post-1 .post__body")  # shown as words
    assert element(response, "main").find("script") is None
    assert text(response, "h1") == "<script>alert('title')</script>"


HOSTILE_TEXT = 'Tom & Jerry\'s "q" <script>x</script> 5 < 6'


def test_plain_text_reads_the_entities_back():
    html = markup.render(HOSTILE_TEXT)

    assert "&amp;" in html  # stored escaped, as HTML must be
    assert markup.plain_text(html) == HOSTILE_TEXT


def test_an_excerpt_is_cut_after_the_entities_are_read():
    html = markup.render("Tom & Jerry & Spike & Tyke")

    assert markup.excerpt(html, characters=12) == "Tom & Jerry…"
    assert markup.excerpt(html, words=3) == "Tom & Jerry…"


def test_the_excerpt_filter_shows_the_words_escaped_once():
    from django.template import Context, Template

    rendered = Template("{% load community_tags %}{{ html|post_excerpt:5 }}").render(
        Context({"html": markup.render(HOSTILE_TEXT)})
    )

    assert rendered == "Tom &amp; Jerry&#x27;s &quot;q&quot; &lt;script&gt;x&lt;/script&gt;…"


MEMBERS = {"amira": "/community/members/amira/", "bob": "/community/members/bob/"}


def test_a_mention_inside_a_link_address_stays_as_written():
    html = markup.render(
        "[see](http://e.com/?q=@amira) and <http://e.com/@amira>", profile_urls=MEMBERS
    )

    assert hrefs_in(html) == ["http://e.com/?q=@amira", "http://e.com/@amira"]


def test_a_mention_in_a_link_or_code_notifies_nobody():
    source = (
        "[see](http://e.com/?q=@amira) <http://e.com/@bob> [@amira](/x) `@bob`\n\n```\n@bob\n```"
    )

    assert markup.mentioned_handles(source) == []


def test_a_mention_in_a_quote_stays_a_link_but_notifies_nobody():
    quoted = markup.quote("Ask @bob.", handle="amira", number=3)

    html = markup.render(quoted + "Thanks, @Bob.", profile_urls=MEMBERS)

    assert hrefs_in(html) == [MEMBERS["amira"], MEMBERS["bob"], MEMBERS["bob"]]
    assert markup.mentioned_handles(quoted + "Thanks, @Bob.") == ["bob"]
    assert markup.mentioned_handles(quoted + "Thanks.") == []
