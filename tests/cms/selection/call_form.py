"""The call page's nomination form as a person (or a screen reader) meets it: the form or its
absence, the label of each input, the messages tied to a field. Built on ``tests.html``."""

from tests.html import parse, squash, text, texts


def visible_text(response) -> str:
    """The text of the page's main content, whitespace collapsed."""
    return text(response, "main")


def alerts(response) -> list[str]:
    return texts(response, '[role="alert"]')


def nomination_form(response):
    """The form a visitor fills in to nominate a practice, or None when the page offers none."""
    button = parse(response).find("button", string=lambda s: s and "Send the nomination" in s)
    return button.find_parent("form") if button else None


def label_of(form, field_id: str) -> str:
    """The label a screen reader announces for the input ``field_id``."""
    assert form.find(id=field_id) is not None, f"no input #{field_id}"
    label = form.find("label", attrs={"for": field_id})
    return squash(label.get_text(" ")) if label else ""


def legend_of_group(form, input_name: str) -> str:
    """The legend of the fieldset that groups the inputs named ``input_name``."""
    first = form.find("input", attrs={"name": input_name})
    assert first is not None, f"no input named {input_name}"
    return squash(first.find_parent("fieldset").legend.get_text(" "))


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
                return [squash(li.get_text(" ")) for li in target.find_all("li")], ref
    return [], ""
