"""Switching the language of the running app, with no restart.

Our words come from the gettext catalogues (``wrac_desktop.i18n``), Qt's own (standard buttons,
file dialogs, context menus) from its ``qtbase_*.qm`` through a QTranslator. Installing that
translator makes Qt send every widget a LanguageChange event; each of our widgets that shows
words inherits ``Retranslating`` and answers it by setting its texts again in ``retranslate``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont

from wrac_desktop.i18n import (
    N_,
    _,
    set_language,
    translated,
)
from wrac_desktop.i18n import startup_language as i18n_startup_language

# Each language named in itself: someone who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# Qt's dates and numbers (date editors, spin boxes) follow the default locale.
QT_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}

_installed: list[QTranslator] = []


def shown_elsewhere(text: str, lang: str) -> str:
    """A view's tooltip for a text with no version in the interface's language yet, shown as
    written in ``lang`` (issue 16 item 3)."""
    note = _("Not translated yet; shown as written, in: {language}").format(
        language=LANGUAGE_NAMES[lang]
    )
    return f"{text}\n\n{note}"


def italic() -> QFont:
    """The font of such a text (the views' FontRole)."""
    font = QFont()
    font.setItalic(True)
    return font


class Retranslating:
    """Mixin for a QWidget whose texts must follow a language change."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

    def retranslate(self) -> None:
        """Set every text this widget shows again, in the current language."""
        raise NotImplementedError


# Qt's own words that its catalogues (qtbase_kk.qm, qtbase_ru.qm) lack: the file dialog
# showed "Look in:" and "Files of type:" in English in a Kazakh app (issue 19, 9). Ours
# translate them, asked by Qt only when its own catalogue has no answer. PySide6 6.12 asks
# for them with their mnemonics ("&Look in:"); 6.11 without.
QT_GAPS = {
    ("QFileDialog", "Look in:"): N_("Look in:"),
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    ("QFileDialog", "Files of type:"): N_("Files of type:"),
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
    ("QFileDialog", "My Computer"): N_("My Computer"),
}


class QtGapTranslator(QTranslator):
    """Qt's words from ``QT_GAPS`` in the current language, through our catalogues."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """None (a null string: Qt asks on, then shows its source) for any other word. An
        empty string is an answer: "Look in:" and "Files of type:" were blank in Russian."""
        message = QT_GAPS.get((context, source))
        return translated(message) if message is not None else None

    def isEmpty(self) -> bool:
        return False


def startup_language(chosen: str | None, saved: object, system: str | None = None) -> str:
    """The app's language by the command line's rule (``i18n.startup_language``): ``--lang``,
    the saved setting, the system's (Qt's idea of the system locale when ``LANG`` and the like
    say nothing: Windows has none), else English. The app spoke Russian under an English or
    C locale while ``wrac`` spoke English (issue 19, 9)."""
    if system is None:
        system = QLocale.system().name()[:2]
    return i18n_startup_language(chosen, saved, system)


def apply_language(lang: str) -> None:
    """Switch our messages and Qt's to ``lang`` and retranslate every open widget now."""
    set_language(lang)
    QLocale.setDefault(QLocale(QT_LOCALES[lang]))
    app = QCoreApplication.instance()
    if app is None:
        return
    while _installed:
        app.removeTranslator(_installed.pop())
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang != "en" and translator.load(QLocale(QT_LOCALES[lang]), "qtbase", "_", folder):
        gaps = QtGapTranslator(app)  # installed first: asked after Qt's own
        for installed in (gaps, translator):
            app.installTranslator(installed)
            _installed.append(installed)
    # Post it ourselves too (English installs no translator), then deliver it at once: the
    # application hands it on to each window, which hands it to its children.
    QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))
    for _step in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)


def qt_translation_loaded() -> bool:
    """Whether Qt's own dialogs are translated now (False in English)."""
    return bool(_installed)
