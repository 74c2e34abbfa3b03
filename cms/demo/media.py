"""Images and PDFs generated locally with Pillow, so the demo needs nothing from the network."""

import io
import random
import re
import textwrap
from functools import lru_cache
from html import unescape

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

# Sober palettes: (name, dark, light, accent).
PALETTES: list[tuple[str, str, str, str]] = [
    ("slate blue", "#22313f", "#8fa3b8", "#d9a441"),
    ("teal", "#1f3d3a", "#7fb0a6", "#e0c27a"),
    ("plum", "#3a2540", "#a78fb0", "#e2b07c"),
    ("moss", "#2f3a22", "#a3b38a", "#d98c5f"),
    ("rust", "#42261c", "#c79a82", "#7aa0b8"),
    ("ink", "#1b2433", "#9aa7bd", "#e6d3a3"),
]

IMAGE_SIZE = (1200, 675)
PORTRAIT_SIZE = (480, 480)
# A4 at 100 dots per inch.
PDF_PAGE = (827, 1169)
PDF_MARGIN = 72


@lru_cache(maxsize=16)
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def palette_for(seed: int) -> tuple[str, str, str, str]:
    return PALETTES[seed % len(PALETTES)]


def _rgb(colour: str) -> tuple[int, int, int]:
    red, green, blue = ImageColor.getrgb(colour)[:3]
    return red, green, blue


def _encode_jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=82, optimize=True)
    return buf.getvalue()


def _gradient(size: tuple[int, int], dark: str, light: str, *, angle: int) -> Image.Image:
    ramp = Image.linear_gradient("L").rotate(angle, expand=False).resize(size)
    return ImageOps.colorize(ramp, black=dark, white=light).convert("RGB")


def abstract_image(label: str, seed: int, size: tuple[int, int] = IMAGE_SIZE) -> bytes:
    """A gradient with a few translucent geometric shapes and a label: a stand-in for a photo."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    _name, dark, light, accent = palette_for(seed)
    width, height = size
    img = _gradient(size, dark, light, angle=rng.choice([0, 45, 90, 135, 180, 270]))
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(4, 7)):
        x, y = rng.randint(-width // 4, width), rng.randint(-height // 4, height)
        extent = rng.randint(height // 5, height // 2)
        colour = rng.choice([dark, light, accent, "#ffffff"])
        alpha = rng.randint(40, 110)
        fill = (*_rgb(colour), alpha)
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + extent, y + extent), fill=fill)
        else:
            draw.rectangle((x, y, x + extent * 2, y + extent // 2), fill=fill)
    img = Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(img)
    text_size = max(24, height // 11)
    band_top = height - text_size * 2 - 20
    draw.rectangle((0, band_top, width, height), fill=dark)
    draw.text((40, band_top + text_size // 2), label, font=font(text_size), fill="#ffffff")
    return _encode_jpeg(img)


def portrait_image(name: str, seed: int) -> bytes:
    """A square with the person's initials, used as a placeholder photograph."""
    _name, dark, light, accent = palette_for(seed)
    img = _gradient(PORTRAIT_SIZE, dark, light, angle=90)
    draw = ImageDraw.Draw(img)
    width, height = PORTRAIT_SIZE
    draw.ellipse((60, 60, width - 60, height - 60), fill=accent)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    draw.text((width / 2, height / 2), initials, font=font(150), fill=dark, anchor="mm")
    return _encode_jpeg(img)


@lru_cache(maxsize=16)
def _chars_per_line(size: int, max_width: int) -> int:
    sample = "the quick brown fox jumps over a lazy dog, and then Integration Policy "
    average = font(size).getlength(sample) / len(sample)
    return max(20, int(max_width / average * 0.94))


def _wrap(text: str, size: int, max_width: int) -> list[str]:
    """Word wrap by an average character width: measuring every candidate line is slow."""
    width = _chars_per_line(size, max_width)
    return textwrap.wrap(text, width=width) or [""]


def pdf_document(title: str, subtitle: str, sections: list[tuple[str, list[str]]]) -> bytes:
    """A multi-page A4 PDF: a title, then sections of headed, wrapped paragraphs."""
    width, height = PDF_PAGE
    usable = width - 2 * PDF_MARGIN
    title_font, heading_font, body_font, small_font = font(30), font(20), font(15), font(11)
    pages: list[Image.Image] = []
    state: dict = {}

    def new_page() -> None:
        page = Image.new("L", PDF_PAGE, 255)
        pages.append(page)
        state["draw"] = ImageDraw.Draw(page)
        state["y"] = PDF_MARGIN
        state["draw"].text(
            (PDF_MARGIN, height - PDF_MARGIN / 2),
            f"{title} | page {len(pages)}",
            font=small_font,
            fill=110,
        )

    def ensure_room(needed: int) -> None:
        if state["y"] + needed > height - PDF_MARGIN:
            new_page()

    def write_lines(lines: list[str], text_font, line_height: int, fill: int) -> None:
        for line in lines:
            ensure_room(line_height)
            state["draw"].text((PDF_MARGIN, state["y"]), line, font=text_font, fill=fill)
            state["y"] += line_height

    new_page()
    write_lines(_wrap(title, 30, usable), title_font, 40, 20)
    state["y"] += 6
    write_lines(_wrap(subtitle, 15, usable), body_font, 22, 90)
    state["y"] += 14
    state["draw"].line((PDF_MARGIN, state["y"], width - PDF_MARGIN, state["y"]), fill=150)
    state["y"] += 20
    for heading, paragraphs in sections:
        ensure_room(80)
        write_lines(_wrap(heading, 20, usable), heading_font, 28, 30)
        state["y"] += 6
        for paragraph in paragraphs:
            write_lines(_wrap(paragraph, 15, usable), body_font, 22, 40)
            state["y"] += 10
        state["y"] += 12

    # Bilevel pages keep the files small (tens of kilobytes a page).
    pages = [page.point(lambda value: 255 if value > 150 else 0, mode="1") for page in pages]
    buf = io.BytesIO()
    first, *rest = pages
    first.save(buf, "PDF", save_all=True, append_images=rest, resolution=100.0, title=title)
    return buf.getvalue()


def plain_text(html: str) -> list[str]:
    """Paragraphs of an HTML fragment as plain text, for the PDFs."""
    parts = re.split(r"</p>|<br\s*/?>|</li>", html)
    cleaned = [unescape(re.sub(r"<[^>]+>", "", part)).strip() for part in parts]
    return [part for part in cleaned if part]
