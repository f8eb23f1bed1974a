"""Reports out of the app: File → Export…, an older revision printed or exported, a signed PDF.

All of it off the UI thread with progress and Cancel: rendering 10,000 hazards takes seconds,
and signing (key, PDF, PAdES) froze the window while it ran on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QWidget

from wrac_desktop.i18n import _, current_language
from wrac_desktop.services import revisions
from wrac_desktop.services.work import Work
from wrac_desktop.ui import ask
from wrac_desktop.ui import settings as setting
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs
from wrac_desktop.ui.background import Cancelled, Progress
from wrac_desktop.ui.export_dialog import ExportDialog, suggested_folder
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.pdf_preview import PdfPreview, preview_file
from wrac_desktop.ui.settings import Settings


class ExportController(Controller):
    def __init__(
        self,
        parent: QWidget,
        operations: Operations,
        unit_in_view: Callable[[], int | None],
        tell: Callable[[str], None],
        settings: Settings | None = None,
    ) -> None:
        """``unit_in_view``: the site or division the officer is looking at (reports of a
        unit cover it alone); ``tell``: a short message in the status bar; ``settings``: where
        the folder exported to last is remembered."""
        super().__init__()
        self.settings = settings
        self.parent, self.operations = parent, operations
        self._unit_in_view, self._tell = unit_in_view, tell
        self.last_export: Path | None = None
        self.preview: PdfPreview | None = None
        self.signed: Path | None = None  # the signed PDF written last
        self.testing = False  # tests set this: no modal "open folder" or preview window
        self.last_notes: list[str] = []  # what the last export showed differently

    # actions ------------------------------------------------------------------------------
    def export(self, revision: int | None = None) -> None:
        """The export dialog; a report of the current revision, or of ``revision``."""
        register = self.operations.register
        last = self.settings.get(setting.LAST_EXPORT_FOLDER) if self.settings else ""
        dialog = ExportDialog(
            self.parent, [register.location] if register is not None else [], last
        )
        if register is None or not dialog.exec():
            return
        report, fmt, lang, path = dialog.choice()
        photos, as_of = dialog.photos(), dialog.as_of()
        if dialog.preview_requested:
            self.preview_report(report, fmt, lang, page=dialog.page(), revision=revision,
                                with_photos=photos, as_of=as_of)  # fmt: skip
        else:
            self.export_report(report, fmt, lang, path, page=dialog.page(), revision=revision,
                               with_photos=photos, as_of=as_of)  # fmt: skip

    def export_revision(self) -> None:
        """The export dialog, for a revision chosen first (old ones stay printable)."""
        numbers = [str(n) for n in self.operations.read(revisions.revision_numbers) or []]
        if not numbers:
            return
        chosen, ok = ask.item(
            self.parent, _("Print or export a revision"), _("Revision"), numbers, len(numbers) - 1
        )
        if ok:
            self.export(revision=int(chosen))

    def sign(self) -> None:
        key, _f = QFileDialog.getOpenFileName(
            self.parent, _("Signing key"), "", "PKCS#12 (*.p12 *.pfx)"
        )
        if not key:
            return
        password, ok = ask.text(
            self.parent, _("Signing key"), _("Password for {path}").format(path=Path(key).name),
            echo=QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if not ok:
            return
        # Where Export suggests its files: the folder used last, else the register's own (it
        # was the folder the app happened to be started from: issue 19, defect 8).
        register = self.operations.register
        last = self.settings.get(setting.LAST_EXPORT_FOLDER) if self.settings else ""
        folder = suggested_folder(last, [register.location] if register is not None else [])
        target, _f = QFileDialog.getSaveFileName(
            self.parent, _("Save the signed PDF"), str(folder / "register-signed.pdf"),
            "PDF (*.pdf)",
        )  # fmt: skip
        if target:
            self.sign_to(Path(key), password, Path(target))

    ACTIONS = (
        ActionSpec("export", lambda: _("&Export…"), export, "Ctrl+E", Needs.REGISTER),
        ActionSpec(
            "print_revision",
            lambda: _("&Print or export a revision…"),
            export_revision,
            QKeySequence.StandardKey.Print,
            Needs.REGISTER,
        ),
        ActionSpec("sign", lambda: _("Export a &signed register PDF…"), sign, None, Needs.REGISTER),
    )

    # the work -----------------------------------------------------------------------------
    def preview_report(
        self,
        report: str,
        fmt: str,
        lang: str,
        *,
        page: str = "A4",
        revision: int | None = None,
        with_photos: bool = False,
        as_of: date | None = None,
    ) -> None:
        """Render a PDF report off the UI thread and show it, with Print; ``as_of``: the
        measures' states on that day (None: today's)."""

        spool = preview_file()

        def task(work: Work, progress: Progress) -> Path:
            from wrac_desktop.services import exporting  # off the UI thread, when first used

            with spool.open("wb") as out:
                exporting.preview(
                    work, out, report, fmt, lang, page=page, revision=revision,
                    progress=progress.step, with_photos=with_photos, as_of=as_of,
                )  # fmt: skip
            return spool

        def done(result: Path | None, error: BaseException | None) -> None:
            if self._failed(error) or result is None:
                spool.unlink(missing_ok=True)
                return
            if self.preview is not None:
                self.preview.discard()
            self.preview = PdfPreview(result, _("Preview"), self.parent)
            if not self.testing:
                self.preview.exec()

        self.operations.in_background(_("Preparing the preview…"), task, done, write=False)

    def export_report(
        self,
        report: str,
        fmt: str,
        lang: str,
        path: Path,
        *,
        page: str = "A4",
        revision: int | None = None,
        with_photos: bool = False,
        as_of: date | None = None,
    ) -> None:
        """Write a report off the UI thread; offer to open its folder when done. ``as_of``:
        the measures' states on that day, as ``wrac export --as-of`` (None: today's)."""
        register, unit_id = self.operations.register, self._unit_in_view()
        assert register is not None

        notes: list[str] = []  # what the report shows differently (a control character)

        def task(progress: Progress) -> Path:
            from wrac_desktop.services import exporting  # off the UI thread, when first used

            # progress.step raises Cancelled between stages: then no file is written.
            return exporting.export(
                register, report, fmt, lang, path, unit_id=unit_id, page=page,
                revision=revision, progress=progress.step, with_photos=with_photos,
                notes=notes, as_of=as_of,
            )  # fmt: skip

        def done(result: Path | None, error: BaseException | None) -> None:
            self.last_notes = notes
            if notes and error is None and not self.testing:
                QMessageBox.warning(self.parent, _("Export"), "\n".join(notes))
            self._on_written(result, error)

        self.operations.start(_("Writing the report…"), task, done)

    def sign_to(self, key: Path, password: str, target: Path, lang: str | None = None) -> None:
        """Write the register PDF signed with a PKCS#12 key, off the UI thread; a wrong
        password or key is shown as its message, and nothing is written."""
        register, language = self.operations.register, lang or current_language()
        if register is None:
            return

        def task(progress: Progress) -> Path:
            from wrac_desktop.services import exporting  # off the UI thread, when first used

            return exporting.write_signed(register, key, password, target, language, progress.step)

        def done(result: Path | None, error: BaseException | None) -> None:
            if not self._failed(error) and result is not None:
                self.signed = result
                self._on_written(result, None)

        self.operations.start(_("Signing the register…"), task, done)

    def _on_written(self, result: Path | None, error: BaseException | None) -> None:
        if self._failed(error) or result is None:
            return
        self.last_export = result
        if self.settings is not None:
            self.settings.set(setting.LAST_EXPORT_FOLDER, str(result.parent))
        self._tell(_("Wrote {path}").format(path=result))
        if self.parent.isVisible() and not self.testing:
            self._offer_folder(result)

    def _failed(self, error: BaseException | None) -> bool:
        """Shows an error (Cancel is none); True when there was one."""
        if error is not None and not isinstance(error, Cancelled):
            self.operations.report(error)
        return error is not None

    def _offer_folder(self, path: Path) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Export"),
            _("Wrote {path}").format(path=path),
            parent=self.parent,
        )
        open_folder = box.addButton(_("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
