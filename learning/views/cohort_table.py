"""The cohort matrix as rows and columns, built from the progress the selector computed.

Filtering and sorting work on those rows in memory: the page and its CSV export show exactly
the same rows in the same order, and no filter adds a query. The page then shows one page of
them; the CSV streams them all.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import EnrolmentStatus, ModulePage, Phase
from ..phases import PhaseProgress
from ..selectors.progress import Progress

SORT_NAME = "name"
SORT_ORGANISATION = "organisation"
SORT_PROGRESS = "progress"
MODULE_SORT_PREFIX = "module-"
PHASE_SORT_PREFIX = "phase-"
ROWS_PER_PAGE = 50
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Cell:
    percent: int
    done: int
    total: int

    @property
    def label(self) -> str:
        return _("%(done)s of %(total)s") % {"done": self.done, "total": self.total}


@dataclass(frozen=True)
class CohortRow:
    progress: Progress
    name: str
    email: str
    organisation: str
    city: str
    country: str
    status: str
    status_label: str
    modules: list[Cell]
    pre_training: PhaseProgress | None
    residential: PhaseProgress | None
    follow_up: PhaseProgress | None
    attended: bool
    percent: int

    @property
    def enrolment(self):
        return self.progress.enrolment

    def phase(self, phase: str) -> PhaseProgress | None:
        return {
            Phase.PRE_TRAINING: self.pre_training,
            Phase.RESIDENTIAL: self.residential,
            Phase.FOLLOW_UP: self.follow_up,
        }.get(phase)

    def incomplete(self, phase: str) -> bool:
        """The phase is tracked and this trainee has not done all of it yet."""
        measured = self.phase(phase)
        return bool(measured and measured.tracked and not measured.complete)


def module_columns(cohort: list[Progress]) -> list[ModulePage]:
    """The edition's modules, as every trainee's progress lists them (none without trainees)."""
    if cohort:
        return [module.module for module in cohort[0].modules]
    return []


def sort_keys(modules: list[ModulePage]) -> set[str]:
    return {
        SORT_NAME,
        SORT_ORGANISATION,
        SORT_PROGRESS,
        *(f"{MODULE_SORT_PREFIX}{module.pk}" for module in modules),
        *(f"{PHASE_SORT_PREFIX}{phase}" for phase in Phase.values),
    }


def build_rows(cohort: list[Progress]) -> list[CohortRow]:
    # Translated once per status, not once per trainee.
    status_labels = {value: str(label) for value, label in EnrolmentStatus.choices}
    rows = []
    for progress in cohort:
        enrolment = progress.enrolment
        user = enrolment.user
        phases = {phase.phase: phase for phase in progress.phases}
        rows.append(
            CohortRow(
                progress=progress,
                name=user.get_full_name() or user.email,
                email=user.email,
                organisation=enrolment.organisation,
                city=enrolment.city,
                country=enrolment.country,
                status=enrolment.status,
                status_label=status_labels.get(enrolment.status, enrolment.status),
                modules=[
                    Cell(module.percent, module.required_done, module.required_total)
                    for module in progress.modules
                ],
                pre_training=phases.get(Phase.PRE_TRAINING),
                residential=phases.get(Phase.RESIDENTIAL),
                follow_up=phases.get(Phase.FOLLOW_UP),
                attended=enrolment.residential_attended_at is not None,
                percent=progress.percent,
            )
        )
    return rows


def countries(enrolments) -> list[str]:
    return sorted({e.country for e in enrolments if e.country}, key=str.casefold)


def needs_phases(sort: str, incomplete: str) -> bool:
    """Whether ordering or filtering asks for every trainee's phases (otherwise only the rows
    of the page shown are measured)."""
    key = sort.removeprefix("-")
    return bool(incomplete) or key == SORT_PROGRESS or key.startswith(PHASE_SORT_PREFIX)


def filter_rows(
    rows: list[CohortRow], *, q: str, status: str, country: str, incomplete: str = ""
) -> list[CohortRow]:
    needle = q.casefold()
    return [
        row
        for row in rows
        if (not status or row.status == status)
        and (not country or row.country.casefold() == country.casefold())
        and (not incomplete or row.incomplete(incomplete))
        and (
            not needle
            or needle in row.name.casefold()
            or needle in row.email.casefold()
            or needle in row.organisation.casefold()
        )
    ]


def sort_rows(rows: list[CohortRow], modules: list[ModulePage], sort: str) -> list[CohortRow]:
    descending = sort.startswith("-")
    key = sort.removeprefix("-") or SORT_NAME
    # Ties keep a stable, readable order: by name.
    rows = sorted(rows, key=lambda row: (row.name.casefold(), row.email))
    if key == SORT_ORGANISATION:
        return sorted(rows, key=lambda row: row.organisation.casefold(), reverse=descending)
    if key == SORT_PROGRESS:
        return sorted(rows, key=lambda row: row.percent, reverse=descending)
    if key.startswith(MODULE_SORT_PREFIX):
        positions = {f"{MODULE_SORT_PREFIX}{module.pk}": i for i, module in enumerate(modules)}
        if key in positions:
            index = positions[key]
            return sorted(rows, key=lambda row: row.modules[index].percent, reverse=descending)
    if key.startswith(PHASE_SORT_PREFIX) and key.removeprefix(PHASE_SORT_PREFIX) in Phase.values:
        phase = key.removeprefix(PHASE_SORT_PREFIX)
        return sorted(rows, key=lambda row: phase_sort_value(row, phase), reverse=descending)
    return list(reversed(rows)) if descending else rows


def phase_sort_value(row: CohortRow, phase: str) -> int:
    measured = row.phase(phase)
    # An untracked phase sorts below any measured figure.
    return measured.percent if measured and measured.tracked else -1


def phase_text(phase: PhaseProgress | None) -> str:
    if phase is None or not phase.tracked:
        return _("Not tracked yet")
    return f"{phase.percent}%"


def residential_text(row: CohortRow) -> str:
    if row.attended:
        return _("Attended")
    return _("Not attended")


def csv_header(modules: list[ModulePage]) -> list[str]:
    return [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("City"),
        _("Country"),
        _("Status"),
        _("Overall (%)"),
        *[_("Module: %(title)s (%%)") % {"title": module.title} for module in modules],
        _("Pre-training (%)"),
        _("Residential course"),
        _("Follow-up"),
        _("Check attempts"),
    ]


def csv_row(row: CohortRow, attempts: int = 0) -> list:
    return [
        row.name,
        row.email,
        row.organisation,
        row.city,
        row.country,
        row.status_label,
        row.percent,
        *[cell.percent for cell in row.modules],
        row.pre_training.percent if row.pre_training else "",
        residential_text(row),
        phase_text(row.follow_up),
        attempts,
    ]


def safe_cell(value) -> str:
    """Spreadsheets run cells that start like a formula; a leading quote keeps them text."""
    text = str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


@dataclass(frozen=True)
class SortLink:
    key: str
    url: str
    state: str  # "ascending", "descending" or "none", as aria-sort wants it


def sort_links(query, current: str, keys: Iterable[str]) -> dict[str, SortLink]:
    """For each sortable column, the link that sorts by it (again: the other way round)."""
    links = {}
    for key in keys:
        if current == key:
            state, target = "ascending", f"-{key}"
        elif current == f"-{key}":
            state, target = "descending", key
        else:
            state, target = "none", key
        params = query.copy()
        params["sort"] = target
        params.pop("format", None)
        # A new order starts again on its first page.
        params.pop("page", None)
        links[key] = SortLink(key=key, url=f"?{params.urlencode()}", state=state)
    return links


def csv_url(query) -> str:
    params = query.copy()
    params.pop("page", None)
    params["format"] = "csv"
    return f"?{params.urlencode()}"


def page_query(query) -> str:
    """The filters and order, for the pagination links to carry over."""
    params = query.copy()
    params.pop("page", None)
    params.pop("format", None)
    return params.urlencode()
