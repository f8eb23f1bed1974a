"""installer/: the spec, the Inno script, the workflow and the desktop files agree.

The frozen build itself is tested by tests/dist (``make dist-test``); these checks keep the
parts that cannot run here (Windows) in step with the Linux build.
"""

from __future__ import annotations

import configparser
import re
import sys
from pathlib import Path

import pytest
from PIL import Image

import wrac_desktop

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ICONS = ROOT / "resources" / "icons"
sys.path.insert(0, str(INSTALLER))
from icu_data import dropped  # noqa: E402
from version import project_version, windows_version_tuple  # noqa: E402


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def spec_constant(name: str) -> str:
    found = re.search(rf'^{name} = "([^"]+)"$', text(INSTALLER / "wrac.spec"), re.MULTILINE)
    assert found, f"{name} is not defined in wrac.spec"
    return found.group(1)


PACKAGING_FILES = [
    INSTALLER / "wrac.spec",
    INSTALLER / "wrac.iss",
    ROOT / ".github" / "workflows" / "windows.yml",
    INSTALLER / "linux" / "wrac-desktop.desktop",
]


@pytest.mark.parametrize("path", PACKAGING_FILES, ids=lambda path: path.name)
def test_no_packaging_file_spells_out_the_version(path: Path) -> None:
    assert project_version() not in text(path)


def test_the_cli_version_is_the_one_in_pyproject() -> None:
    assert wrac_desktop.__version__ == project_version()


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2.3", (2, 3, 0, 0)),
        ("1.2rc1", (1, 2, 0, 0)),
        ("1.2.3.4.5+local", (1, 2, 3, 4)),
    ],
)
def test_windows_version_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert windows_version_tuple(version) == numbers


def test_the_inno_script_installs_what_the_spec_builds() -> None:
    iss = text(INSTALLER / "wrac.iss")
    assert f'#define GuiExe "{spec_constant("GUI_NAME")}.exe"' in iss
    assert f'"\\{spec_constant("CLI_NAME")}.exe"' in iss  # the version is read from it
    assert "PrivilegesRequired=lowest" in iss
    assert "{autodesktop}" in iss and "{group}" in iss  # desktop and Start-menu shortcuts
    assert 'Subkey: "Software\\Classes\\.wrac"' in iss
    assert "[UninstallDelete]" not in iss.replace("no [UninstallDelete]", "")


def test_the_file_icon_the_installer_registers_is_bundled() -> None:
    icon = re.search(r'\{app\}\\_internal\\([^"]+\.ico)', text(INSTALLER / "wrac.iss"))
    assert icon and (ROOT / icon.group(1).replace("\\", "/")).is_file()


def test_the_workflow_uses_the_same_spec_and_smoke_test() -> None:
    workflow = text(ROOT / ".github" / "workflows" / "windows.yml")
    assert "runs-on: windows-latest" in workflow
    makefile = text(ROOT / "Makefile")
    for same_in_both in ("installer/wrac.spec", "tests/dist"):
        assert same_in_both in workflow and same_in_both in makefile
    assert "installer\\wrac.iss" in workflow


def test_the_desktop_entry_starts_the_gui_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(INSTALLER / "linux" / "wrac-desktop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == spec_constant("GUI_NAME")
    assert (ICONS / f"{desktop['Icon']}.png").is_file()
    assert desktop["MimeType"].rstrip(";") in text(INSTALLER / "linux" / "wrac-desktop-mime.xml")
    assert "тәуекел" in desktop["GenericName[kk]"]


def test_the_icons_are_drawn_at_the_sizes_windows_asks_for() -> None:
    assert (ICONS / "wrac-desktop.svg").is_file()
    assert Image.open(ICONS / "wrac-desktop.png").size == (256, 256)
    sizes = Image.open(ICONS / "wrac-desktop.ico").info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes)


@pytest.mark.parametrize(
    ("item", "size", "left_out"),
    [
        ("coll/kk.res", 9_000, False),
        ("kk_KZ.res", 100, False),
        ("ru_RU.res", 100, False),
        ("en_GB.res", 100, False),
        ("root.res", 105_000, False),
        ("coll/ucadata.icu", 570_000, False),
        ("res_index.res", 9_000, False),  # not a locale, though it looks like "res"
        ("zoneinfo64.res", 151_000, False),
        ("curr/supplementalData.res", 27_000, False),
        ("ibm-5347_P100-1998.cnv", 2_500, False),  # windows-1251
        ("coll/zh.res", 712_000, True),
        ("unit/de.res", 60_000, True),
        ("de_.res", 100, True),
        ("brkitr/cjdict.dict", 2_000_000, True),
        ("gb18030.cnv", 232_000, True),
    ],
)
def test_qt_icu_data_keeps_our_languages_and_the_shared_tables(
    item: str, size: int, left_out: bool
) -> None:
    assert dropped(item, size) is left_out
