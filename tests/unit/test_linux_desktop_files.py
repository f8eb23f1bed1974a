"""installer/linux/: the menu entry, the .wrac file type and the AppStream metadata are what
the freedesktop tools accept, agree with each other, and install.sh puts them in place.

The validators come from Debian's desktop-file-utils, appstream and shared-mime-info, which
`make test` installs (scripts/system-deps.sh): missing, the test fails rather than skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from wrac_desktop.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installer" / "linux"
DESKTOP = LINUX / "wrac-desktop.desktop"
MIME = LINUX / "wrac-desktop-mime.xml"
APP_ID = "kz.wrac.WracDesktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
sys.path.insert(0, str(ROOT / "installer"))
from version import project_version  # noqa: E402


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: `make test` installs it (package {package})")
    return found


def desktop_entry(path: Path) -> dict[str, str]:
    rows = path.read_text(encoding="utf-8").splitlines()
    return dict(row.split("=", 1) for row in rows if "=" in row and not row.startswith("#"))


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    done = subprocess.run(
        [tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_the_appstream_metainfo_passes_appstreamcli_validate() -> None:
    done = subprocess.run(
        [tool("appstreamcli", "appstream"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower() and "W:" not in done.stdout


def test_the_metainfo_describes_this_app_and_its_file_type() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    mime_type = desktop_entry(DESKTOP)["MimeType"].rstrip(";")
    assert component.findtext("provides/mediatype") == mime_type
    releases = [release.get("version") for release in component.iterfind("releases/release")]
    assert releases[0] == project_version(), "add a <release> for the version in pyproject.toml"
    summaries = {
        s.get("{http://www.w3.org/XML/1998/namespace}lang"): s.text
        for s in component.iterfind("summary")
    }
    assert set(summaries) == {None, "ru", "kk"} and "тәуекел" in (summaries["kk"] or "")


def test_the_mime_magic_is_what_a_register_file_starts_with(tmp_path: Path) -> None:
    """The file type is recognised by content too (a register renamed or mailed without its
    extension): SQLite's header holds our application_id at offset 68."""
    mime_type = ET.parse(MIME).getroot().find(f"{MIME_NS}mime-type")
    assert mime_type is not None
    match = mime_type.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert match is not None and match.get("type") == "big32"
    register = tmp_path / "register.wrac"
    assert main(["init", str(register)]) == 0
    offset = int(match.get("offset", "-1"))
    header = register.read_bytes()[offset : offset + 4]
    assert int.from_bytes(header, "big") == int(match.get("value", "0"), 16)
    assert mime_type.find(f"{MIME_NS}glob").get("pattern") == "*.wrac"  # type: ignore[union-attr]


def fake_bundle(folder: Path) -> Path:
    """What `make dist` puts in dist/wrac/ as far as install.sh cares: programs, icon, files."""
    folder.mkdir()
    for name in ("wrac", "wrac-gui"):
        (folder / name).write_text("#!/bin/sh\n")
        (folder / name).chmod(0o755)
    icons = folder / "_internal" / "resources" / "icons"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "wrac-desktop.png", icons)
    for path in LINUX.iterdir():
        shutil.copy(path, folder)
    return folder


def test_install_sh_registers_the_menu_entry_file_type_and_metainfo(tmp_path: Path) -> None:
    tool("update-mime-database", "shared-mime-info")
    bundle = fake_bundle(tmp_path / "bundle")
    data = tmp_path / "home" / ".local" / "share"
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(data)}
    subprocess.run(["bash", str(bundle / "install.sh")], env=env, check=True, capture_output=True)
    installed = data / "applications" / DESKTOP.name
    assert (
        desktop_entry(installed)["Exec"] == f"{tmp_path}/home/.local/lib/wrac-desktop/wrac-gui %f"
    )
    validate = [tool("desktop-file-validate", "desktop-file-utils"), str(installed)]
    assert subprocess.run(validate, capture_output=True).returncode == 0
    globs = (data / "mime" / "globs2").read_text(encoding="utf-8")
    assert "application/x-wrac-register:*.wrac" in globs  # update-mime-database took the type
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    subprocess.run(
        ["bash", str(bundle / "install.sh"), "--uninstall"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert not installed.exists() and not (data / "metainfo" / METAINFO.name).exists()
    assert "x-wrac-register" not in (data / "mime" / "globs2").read_text(encoding="utf-8")
