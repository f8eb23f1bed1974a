"""Switching the language of the running app, with no restart.

Our words come from the gettext catalogues (``wrac_desktop.i18n``), Qt's own (standard buttons,
file dialogs, context menus) from its ``qtbase_*.qm`` through a QTranslator. Installing that
translator makes Qt send every widget a LanguageChange event; each of our widgets that shows
words inherits ``Retranslating`` and answers it by setting its texts again in ``retranslate``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from wrac_desktop.i18n import DEFAULT_LANGUAGE, LANGUAGES, language_from_environment, set_language

# Each language named in itself: someone who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# Qt's dates and numbers (date editors, spin boxes) follow the default locale.
QT_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}

_installed: list[QTranslator] = []


class Retranslating:
    """Mixin for a QWidget whose texts must follow a language change."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

    def retranslate(self) -> None:
        """Set every text this widget shows again, in the current language."""
        raise NotImplementedError


def startup_language(chosen: str | None, saved: object) -> str:
    """``--lang`` wins, then the language saved in the settings, then the system's."""
    for candidate in (chosen, saved):
        if isinstance(candidate, str) and candidate in LANGUAGES:
            return candidate
    return language_from_environment() or DEFAULT_LANGUAGE


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
        app.installTranslator(translator)
        _installed.append(translator)
    # Post it ourselves too (English installs no translator), then deliver it at once: the
    # application hands it on to each window, which hands it to its children.
    QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))
    for _step in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)


def qt_translation_loaded() -> bool:
    """Whether Qt's own dialogs are translated now (False in English)."""
    return bool(_installed)
