"""The certificate as a one-page PDF (A4, landscape), written with fpdf2.

The text is set in DejaVu Sans, embedded from ``learning/fonts/`` (free licence, see the LICENSE
file there), so names in Latin, Greek or Cyrillic script print as written. The document's dates
are the certificate's own, so the same certificate always gives the same bytes."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace

from .selectors.certificates import CertificateRecord

# Raise when the layout changes, so no cache or browser keeps a file set the old way.
LAYOUT = 1
FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSans"
ACCENT = (31, 78, 121)
MUTED = (85, 85, 85)


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _span(starts: datetime.date, ends: datetime.date) -> str:
    return f"{_date(starts)} – {_date(ends)}"


def _document(record: CertificateRecord) -> FPDF:
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(_("Certificate of completion: %(edition)s") % {"edition": record.edition.title})
    pdf.set_subject(record.verification_url)
    pdf.set_creator(_("Integration Academy"))
    pdf.set_lang(get_language() or "en")
    # Fixed from the certificate, never "now": the same certificate gives the same file.
    pdf.set_creation_date(timezone.localtime(record.completed_at))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(left=22, top=20, right=22)
    pdf.add_page()
    return pdf


def _frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(12, 12, pdf.w - 24, pdf.h - 24)


def _line(pdf: FPDF, text: str, *, size: float, bold: bool = False, color=(0, 0, 0), gap=2.0):
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.5, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(gap)


def render_certificate_pdf(record: CertificateRecord) -> bytes:
    """The certificate stated by ``record`` as the bytes of a PDF file."""
    edition = record.edition
    pdf = _document(record)
    _frame(pdf)

    _line(pdf, _("Integration Academy"), size=11, color=ACCENT, gap=1)
    _line(pdf, _("Certificate of completion"), size=24, bold=True, gap=3)
    _line(pdf, _("This certifies that"), size=11, color=MUTED, gap=1)
    _line(pdf, record.holder_name, size=22, bold=True, gap=1)
    _line(
        pdf,
        _("completed every required step of the academy edition %(edition)s, %(dates)s.")
        % {
            "edition": edition.title,
            "dates": _span(edition.pre_training_start, edition.follow_up_end),
        },
        size=11,
        gap=1,
    )
    _line(
        pdf,
        _("Residential course at %(venue)s, %(dates)s.")
        % {
            "venue": edition.venue,
            "dates": _span(edition.residential_start, edition.residential_end),
        },
        size=11,
        gap=4,
    )

    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(*MUTED)
    headings = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
    with pdf.table(
        col_widths=(3, 5, 4.5, 2.5),
        headings_style=headings,
        line_height=6,
        padding=1.5,
        text_align=("LEFT", "LEFT", "LEFT", "LEFT"),
    ) as table:
        heading = table.row()
        for text in (_("Phase completed"), _("Dates"), _("Workload"), _("Completed on")):
            heading.cell(text)
        for phase in record.phases:
            row = table.row()
            row.cell(phase.label)
            row.cell(_span(phase.starts, phase.ends))
            row.cell(phase.workload)
            row.cell(_date(phase.completed_on) if phase.completed_on else "")
    pdf.ln(4)

    _line(
        pdf,
        _("Edition completed on %(date)s.") % {"date": _date(record.completed_on)},
        size=12,
        bold=True,
        gap=4,
    )
    _line(
        pdf,
        _("Anyone can check this certificate at"),
        size=9,
        color=MUTED,
        gap=0,
    )
    pdf.set_font(FAMILY, "", 9)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(
        0,
        5,
        record.verification_url,
        align=Align.C,
        link=record.verification_url,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    _line(
        pdf,
        _("Verification code: %(code)s") % {"code": record.code},
        size=9,
        color=MUTED,
        gap=0,
    )
    return bytes(pdf.output())
