"""Reading a response as a person would: its visible text, alerts, and which label or message
belongs to which field."""

from bs4 import BeautifulSoup


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def visible_text(response) -> str:
    """The text of the page's main content, whitespace collapsed."""
    soup = page(response)
    main = soup.find("main") or soup.body or soup
    return words(main.get_text(" "))


def alerts(response) -> list[str]:
    return [words(alert.get_text(" ")) for alert in page(response).select('[role="alert"]')]


def nomination_form(response):
    """The form a visitor fills in to nominate a practice, or None when the page offers none."""
    button = page(response).find("button", string=lambda s: s and "Send the nomination" in s)
    return button.find_parent("form") if button else None


def label_of(form, field_id: str) -> str:
    """The label a screen reader announces for the input ``field_id``."""
    assert form.find(id=field_id) is not None, f"no input #{field_id}"
    label = form.find("label", attrs={"for": field_id})
    return words(label.get_text(" ")) if label else ""


def legend_of_group(form, input_name: str) -> str:
    """The legend of the fieldset that groups the inputs named ``input_name``."""
    first = form.find("input", attrs={"name": input_name})
    assert first is not None, f"no input named {input_name}"
    return words(first.find_parent("fieldset").legend.get_text(" "))


def errors_described_by(form, field_name: str) -> tuple[list[str], str]:
    """The messages tied (through aria-describedby) to the input or group named ``field_name``,
    and the text of every element that points at them."""
    for element in form.find_all(attrs={"aria-describedby": True}):
        for ref in element["aria-describedby"].split():
            target = form.find(id=ref)
            if target is None or not ref.endswith("-errors"):
                continue
            names = {i.get("name") for i in element.find_all(["input", "select", "textarea"])}
            names.add(element.get("name"))
            if field_name in names:
                return [words(li.get_text(" ")) for li in target.find_all("li")], ref
    return [], ""
