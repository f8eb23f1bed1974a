"""The hazard register as a table model over a row cache.

One query fetches the ids of every matching hazard in display order, so the view knows all
its rows at once and its scroll bar is true; the rows' data is loaded a page at a time only
where the view looks. Sorting and filtering happen in SQL (Qt's sort proxy took 27 s on
100,000 rows here); the risk cells carry the class name and colour of the matrix. Texts show
in the interface's language; one with no version in it yet shows in another, in italics,
with a tooltip saying which (issue 16 item 3).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from wrac_desktop.i18n import _, current_language, pick
from wrac_desktop.register import Register
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import hazard_list, list_patch, reassessment, work
from wrac_desktop.services.hazard_list import HazardFilter, HazardRow, Heading, ShownRow
from wrac_desktop.services.register_search import RegisterSearch
from wrac_desktop.services.work import ChangeSet
from wrac_desktop.ui.background import BackgroundJob, run_in_background
from wrac_desktop.ui.icons import node_icon
from wrac_desktop.ui.language import italic, shown_elsewhere
from wrac_desktop.ui.risk_chip import HEADING_ROLE

PAGE = 200
MAX_CACHED_PAGES = 50  # about 10,000 rows in memory at most
Index = QModelIndex | QPersistentModelIndex
HAZARD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RISK = ("initial", "residual")
HEADING_BACKGROUND = QColor("#E3E9F0")
COUNT = "measure_count"


class HazardTableModel(QAbstractTableModel):
    COLUMNS = (
        # The risk classes right after the workplace: behind the texts they were off-screen on
        # a 1,366-pixel laptop with the hazard panel open (issue 19, 6).
        ("workplace", "workplace", lambda: _("Workplace")),
        ("initial", "initial", lambda: _("Initial risk")),
        ("residual", "residual", lambda: _("Residual risk")),
        ("description", "description", lambda: _("Hazard")),
        ("unwanted_event", None, lambda: _("Unwanted event")),
        (COUNT, None, lambda: _("Measures")),
    )

    @classmethod
    def column_of(cls, key: str) -> int:
        """The column showing ``key`` (columns may move; callers name them)."""
        return next(i for i, column in enumerate(cls.COLUMNS) if column[0] == key)

    def __init__(self, register: Register | None = None) -> None:
        super().__init__()
        self._register = register
        self._filter = HazardFilter()
        self._listed: list[int | Heading] = []  # a row each: a hazard's id or a heading
        self._ids: list[int] = []  # the hazards alone
        self._headings: list[int] = []  # the rows that are headings, in order
        self._pages: dict[int, dict[int, ShownRow]] = {}
        self._flags: dict[int, list[str]] = {}  # hazard id: what its open flags ask (issue 18)
        self._sort: tuple[str, bool] = ("order", False)
        self._matrix: Matrix | None = None
        self.grouped = False  # under site › division headings (issue 19)
        self._behind: BackgroundJob | None = None  # the list being read off the UI thread
        self._search = RegisterSearch()  # the list and texts read, kept between keystrokes
        self._preparing: BackgroundJob | None = None  # the search's texts read behind
        self.loading = False  # a list is being read behind; the rows shown are the last

    def set_source(
        self, register: Register | None, wanted: HazardFilter, matrix: Matrix | None = None
    ) -> None:
        self._matrix = matrix or self._matrix
        self._set_register(register)
        self._filter = wanted
        self.refresh()

    def _set_register(self, register: Register | None) -> None:
        if register is not self._register:
            self._search = RegisterSearch()  # what was kept is another register's
        self._register = register

    def set_matrix(self, matrix: Matrix | None) -> None:
        """The classes' names and colours from ``matrix``: the risk cells are drawn again,
        the rows are not read again (at 100,000 hazards a read is a noticeable pause)."""
        self._matrix = matrix
        if self._listed:
            last = len(self._listed) - 1
            for key in RISK:
                column = self.column_of(key)
                self.dataChanged.emit(self.index(0, column), self.index(last, column))

    def refresh(self) -> None:
        """Reload from the register (after an edit, a filter change or a new sort order)."""
        self._behind = None  # a list still being read behind is not wanted any more
        listed = self._reader()() if self._register is not None else []
        self._show_listed(listed)

    def follow(self, changes: ChangeSet) -> bool:
        """After an edit: the list patched by ``changes`` (``list_patch``) and its rows read
        again as the view shows them; False when it must be read again (``refresh``)."""
        register, wanted = self._register, self._filter
        if register is None or self._behind is not None:
            return False
        key, descending = self._sort
        listed = work.read(register, lambda w: list_patch.patched(
            w, self._listed, changes, wanted, sort=key, descending=descending,
            grouped=self.grouped))  # fmt: skip
        if listed is None:
            return False
        self._show_listed(listed)
        return True

    def set_source_behind(
        self,
        register: Register | None,
        wanted: HazardFilter,
        done: Callable[[], None],
        parent: QWidget,
    ) -> None:
        """``set_source``, with the list read off the UI thread: a search keystroke at
        100,000 hazards reads for half a second, and the window froze while it did. The rows
        shown stay until the new list is in; then ``done`` runs. A newer request (or a
        ``refresh``) supersedes one still being read: its list is dropped. The read is a job
        of ``parent``'s, stopped with its window (``background.stop_jobs``)."""
        self._set_register(register)
        self._filter = wanted
        if register is None:
            self.refresh()
            done()
            return
        read = self._reader()
        job: BackgroundJob | None = None

        def shown(listed: list[int | Heading] | None, error: BaseException | None) -> None:
            if self._behind is not job:
                return  # superseded meanwhile
            self._behind = None
            self.loading = False
            if error is not None:
                raise error  # reported as any slot's error is
            self._show_listed(listed or [])
            done()

        if self._behind is not None:
            self._behind.dropped = True  # its answer is for nobody; not waited for
        self.loading = True
        job = self._behind = run_in_background(
            parent, "", lambda _progress: read(), shown, quiet=True
        )

    def prepare_search(self, parent: QWidget) -> None:
        """Read what a search needs off the UI thread, before the first key is typed: the
        first key waited 1.2 s for it at 100,000 hazards. A job of ``parent``'s."""
        register, search, revision = self._register, self._search, self._filter.assessment_id
        if register is None or (self._preparing is not None and self._preparing.isRunning()):
            return

        def prepared(_result: None, error: BaseException | None) -> None:
            if error is not None:
                raise error  # reported as any slot's error is

        self._preparing = run_in_background(
            parent,
            "",
            lambda _progress: work.read(register, lambda w: search.prepare(w, revision)),
            prepared,
            quiet=True,
        )

    def _reader(self) -> Callable[[], list[int | Heading]]:
        """What reads the list as the model now asks for it (on any thread)."""
        register, wanted, grouped = self._register, self._filter, self.grouped
        key, descending = self._sort
        lang = current_language()
        assert register is not None
        search = self._search

        def read(w: work.Work) -> list[int | Heading]:
            return search.listed(w, wanted, sort=key, descending=descending, grouped=grouped,
                                 lang=lang)  # fmt: skip

        return lambda: work.read(register, read)

    def _show_listed(self, listed: list[int | Heading]) -> None:
        self.loading = False
        self.beginResetModel()
        self._listed, self._pages, self._flags = list(listed), {}, {}
        self._ids = [entry for entry in self._listed if isinstance(entry, int)]
        self._headings = [
            row for row, entry in enumerate(self._listed) if isinstance(entry, Heading)
        ]
        self.endResetModel()

    def heading_rows(self) -> list[int]:
        """The rows that are site › division headings (the view spans them across)."""
        return self._headings

    @property
    def total(self) -> int:
        return len(self._ids)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._listed)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def _row(self, row: int) -> ShownRow | None:
        hazard_id = self.hazard_id(row)
        if hazard_id is None:
            return None
        page = row // PAGE
        if page not in self._pages:
            self._load_page(page)
        return self._pages.get(page, {}).get(hazard_id)

    def _load_page(self, page: int) -> None:
        if self._register is None:
            return
        if len(self._pages) >= MAX_CACHED_PAGES:
            self._pages.pop(next(iter(self._pages)))  # the oldest page goes first
        listed = self._listed[page * PAGE : (page + 1) * PAGE]
        ids = [entry for entry in listed if isinstance(entry, int)]
        lang, revision = current_language(), self._filter.assessment_id
        rows, flags = work.read(
            self._register,
            lambda w: (
                hazard_list.shown_rows(w, ids, lang, revision),
                reassessment.flags_of(w, ids),
            ),
        )
        self._pages[page] = {shown.row.id: shown for shown in rows}
        self._flags.update(flags)

    def retranslate(self) -> None:
        """Headers, class names and texts in the current language (the view calls it on a
        switch)."""
        self._pages = {}  # each page's texts were read in the language of the moment
        if self._headings:  # and the headings' names (issue 19)
            self.refresh()
        last_column = len(self.COLUMNS) - 1
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last_column)
        if self._listed:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._listed) - 1, last_column))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column][1]
        if key is not None:
            self._sort = (key, order == Qt.SortOrder.DescendingOrder)
            self.refresh()

    def hazard_id(self, row: int) -> int | None:
        entry = self._listed[row] if 0 <= row < len(self._listed) else None
        return entry if isinstance(entry, int) else None

    def row_of(self, hazard_id: int) -> int | None:
        try:
            return self._listed.index(hazard_id)
        except ValueError:
            return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """A heading is not a row to select or edit: the arrow keys pass over it."""
        if index.isValid() and self.hazard_id(index.row()) is None:
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._listed):
            return None
        entry = self._listed[index.row()]
        if isinstance(entry, Heading):
            return _heading_cell(entry, role)
        if role == HAZARD_ID_ROLE:
            return entry
        shown = self._row(index.row())
        if shown is None:
            return None
        key = self.COLUMNS[index.column()][0]
        if key in RISK:
            return self._risk_cell(shown.row, key, role)
        if key == "description" and shown.row.id in self._flags:
            flagged = self._flagged_cell(shown, role)
            if flagged is not None:
                return flagged
        if role == Qt.ItemDataRole.DisplayRole:
            return getattr(shown.row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(shown, key)
        if role == Qt.ItemDataRole.FontRole and key in shown.elsewhere:
            return italic()
        return None

    def _tooltip(self, shown: ShownRow, key: str) -> Any:
        text, other = getattr(shown.row, key), shown.elsewhere.get(key)
        return text if other is None else shown_elsewhere(text, other)

    def _risk_cell(self, row: HazardRow, stage: str, role: int) -> Any:
        score, band_key = getattr(row, f"{stage}_score"), getattr(row, f"{stage}_band")
        band = self._band(band_key)
        if role == Qt.ItemDataRole.DisplayRole:
            name = pick(band.name) if band else (band_key or "")
            return "" if score is None else f"{score:g} · {name}"
        if role == Qt.ItemDataRole.BackgroundRole and band is not None:
            return QBrush(QColor(band.colour))
        if role == Qt.ItemDataRole.ForegroundRole and band is not None:
            return QBrush(QColor("#FFFFFF" if QColor(band.colour).lightness() < 110 else "#000000"))
        return None

    def _flagged_cell(self, shown: ShownRow, role: int) -> Any:
        """A flagged hazard: a red pennant, and the tooltip says what to check."""
        if role == Qt.ItemDataRole.DecorationRole:
            return node_icon("flag")
        if role == Qt.ItemDataRole.ToolTipRole:
            asks = "\n".join(f"• {reason}" for reason in self._flags[shown.row.id])
            described = self._tooltip(shown, "description")
            flagged = _("Flagged for re-assessment:")  # not in the f-string: pybabel skips it
            return f"{described}\n\n{flagged}\n{asks}"
        return None

    def _band(self, key: str | None) -> Any:
        if key is None or self._matrix is None:
            return None
        return next((band for band in self._matrix.bands if band.key == key), None)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and self.COLUMNS[section][0] == COUNT:
            return _count_heading(role)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            # On two lines the columns stay as narrow as their chips ("Бастапқы тәуекел") and
            # names ("Рабочее место" was cut at both ends of a narrow workplace column).
            return self.COLUMNS[section][2]().replace(" ", "\n", 1)
        if self.hazard_id(section) is None:
            return None  # a heading: the hazards alone are numbered
        return section + 1 - bisect_right(self._headings, section)


def _count_heading(role: int) -> Any:
    """The measures' count headed by an icon, its name in the tooltip: the word («Шаралар»)
    kept a column of one digit 89 pixels wide, beside hazards cut to two lines (issue 19)."""
    if role == Qt.ItemDataRole.DecorationRole:
        return node_icon("measures")
    if role == Qt.ItemDataRole.ToolTipRole:
        return _("Measures")
    return "" if role == Qt.ItemDataRole.DisplayRole else None


def _heading_cell(heading: Heading, role: int) -> Any:
    """Every cell of a heading row says it (the view spans the first one shown across)."""
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        return f"{heading.title}  ({heading.count})"
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(HEADING_BACKGROUND)
    if role == Qt.ItemDataRole.ForegroundRole:  # not the greyed text of a disabled row
        return QBrush(QColor("#000000"))
    if role == HEADING_ROLE:
        return True
    return None
