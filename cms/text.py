"""The text fields people fill in "one per line" (partners, public authorities, links), read as
the list of lines they wrote, blank lines and stray spaces left out."""


def one_per_line(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
