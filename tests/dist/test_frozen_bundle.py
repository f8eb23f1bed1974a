"""What the bundle holds: under 150 MB, one Linux program under two names, ICU for kk/ru/en, and
none of the Linux desktop's own libraries, each of which the machine provides.

The size is counted the way benchmarks/dist_bench.py counts it: every real file once, a
symbolic link as nothing (the second name of a library, or ``wrac-gui`` on Linux).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dist.conftest import Run

SIZE_GOAL_MB = 150  # issue 22 item 5 (issue 9 asked 200)
INSTALLER = Path(__file__).resolve().parents[2] / "installer"
sys.path.insert(0, str(INSTALLER))
from desktop_libraries import DESKTOP_LIBRARIES, is_desktop_library, stem  # noqa: E402

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the Linux bundle's layout")


def real_files(bundle: Path) -> list[Path]:
    return [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]


def test_the_bundle_is_under_150_mb(bundle: Path) -> None:
    files = real_files(bundle)
    size_mb = sum(path.stat().st_size for path in files) / 1e6
    largest = sorted(files, key=lambda path: path.stat().st_size)[-5:]
    assert size_mb < SIZE_GOAL_MB, f"{size_mb:.1f} MB; largest: {[p.name for p in largest]}"


@linux_only
def test_wrac_gui_is_the_same_program_under_its_own_name(bundle: Path) -> None:
    link = bundle / "wrac-gui"
    assert link.is_symlink() and link.resolve() == (bundle / "wrac").resolve()


@linux_only
def test_wrac_under_its_own_name_is_still_the_cli(frozen: Run) -> None:
    result = frozen("--help")
    assert result.returncode == 0, result.stderr
    assert "export" in result.stdout


# Run in a child: ICU is loaded from the bundle with ctypes, apart from this test process.
ICU_PROBE = r"""
import ctypes, functools, json, sys
folder, version = sys.argv[1], sys.argv[2]
for name in ("data", "uc"):
    ctypes.CDLL(f"{folder}/libicu{name}.so.{version}", mode=ctypes.RTLD_GLOBAL)
i18n = ctypes.CDLL(f"{folder}/libicui18n.so.{version}")
uc = ctypes.CDLL(f"{folder}/libicuuc.so.{version}")
open_collator = getattr(i18n, f"ucol_open_{version}")
open_collator.restype = ctypes.c_void_p
locale_of = getattr(i18n, f"ucol_getLocaleByType_{version}")
locale_of.restype = ctypes.c_char_p
compare = getattr(i18n, f"ucol_strcollUTF8_{version}")
open_converter = getattr(uc, f"ucnv_open_{version}")
open_converter.restype = ctypes.c_void_p
words = sys.argv[3].split()
result = {}
for tag in ("kk_KZ", "ru_RU", "en_GB", "de_DE"):
    status = ctypes.c_int(0)
    collator = ctypes.c_void_p(open_collator(tag.encode(), ctypes.byref(status)))
    valid = locale_of(collator, 1, ctypes.byref(status)).decode()  # ULOC_VALID_LOCALE
    def order(a, b):
        return compare(collator, a.encode(), -1, b.encode(), -1, ctypes.byref(ctypes.c_int(0)))
    result[tag] = {"locale": valid, "sorted": sorted(words, key=functools.cmp_to_key(order))}
status = ctypes.c_int(0)
open_converter(b"windows-1251", ctypes.byref(status))
result["windows-1251"] = status.value <= 0  # U_ZERO_ERROR or a warning
print(json.dumps(result))
"""
KAZAKH_WORDS = "үй ұл яблоко қала ел әже аға ою өрік zebra"
KAZAKH_ORDER = ["аға", "әже", "ел", "қала", "ою", "өрік", "ұл", "үй", "яблоко", "zebra"]


@linux_only
def test_qt_icu_data_keeps_kazakh_russian_and_english(bundle: Path) -> None:
    """Qt's ICU data is trimmed to our languages (installer/icu_data.py): Kazakh collation
    still knows its alphabet (ә after а, ұ before ү), other languages fall back to root."""
    qt_lib = bundle / "_internal" / "PySide6" / "Qt" / "lib"
    data = next(qt_lib.glob("libicudata.so.*"))
    version = data.name.split(".so.")[1]
    probe = subprocess.run(
        [sys.executable, "-c", ICU_PROBE, str(qt_lib), version, KAZAKH_WORDS],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(probe.stdout)
    assert result["kk_KZ"] == {"locale": "kk", "sorted": KAZAKH_ORDER}
    assert result["ru_RU"]["locale"] == "ru"
    assert result["en_GB"]["locale"] == "en"  # en_GB has no collation of its own
    assert result["de_DE"]["locale"] == "root"  # dropped: it sorts as root does
    assert result["windows-1251"]
    assert data.stat().st_size < 10e6  # 32 MB untrimmed


def elf_files(bundle: Path) -> list[Path]:
    def is_elf(path: Path) -> bool:
        with path.open("rb") as file:
            return file.read(4) == b"\x7fELF"

    return [path for path in real_files(bundle) if is_elf(path)]


def needed_names(library: Path) -> set[str]:
    """The DT_NEEDED entries of ``library``, as ``readelf -d`` shows them."""
    shown = subprocess.run(
        ["readelf", "-d", str(library)], capture_output=True, text=True, check=True
    ).stdout
    return {
        line.split("[", 1)[1].split("]", 1)[0] for line in shown.splitlines() if "(NEEDED)" in line
    }


def system_libraries() -> set[str]:
    """Names of the shared libraries this machine's loader knows (``ldconfig -p``)."""
    shown = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0] for line in shown.splitlines()[1:] if "=>" in line}


@linux_only
def test_no_desktop_library_is_bundled(bundle: Path) -> None:
    """X11, fonts, GLib, D-Bus and CUPS are the desktop's (installer/desktop_libraries.py)."""
    internal = bundle / "_internal"
    bundled = [
        str(path.relative_to(internal))
        for path in elf_files(bundle)
        if path.is_relative_to(internal)
    ]
    assert not [dest for dest in bundled if is_desktop_library(dest)]
    # ...while a wheel's own hashed copy of one stays with that wheel
    assert any(stem(Path(dest).name).startswith("libxcb-") for dest in bundled if "/" in dest)


@linux_only
def test_every_library_the_bundle_needs_is_in_it_or_on_the_machine(bundle: Path) -> None:
    """What a bundled binary links against is bundled, or the machine has it: the desktop's
    libraries left out, and those PyInstaller never bundles (the C library, OpenGL)."""
    files = elf_files(bundle)
    bundled = {path.name for path in files} | {path.name for path in bundle.rglob("*.so*")}
    system = system_libraries()
    missing: dict[str, str] = {}
    unused_desktop = set(DESKTOP_LIBRARIES)
    for path in files:
        for name in needed_names(path) - bundled:
            unused_desktop.discard(stem(name))
            if name not in system:
                missing[name] = str(path.relative_to(bundle))
    assert not missing, f"needed, but neither bundled nor on this machine: {missing}"
    # every name on the list is one the bundle would otherwise carry: none is there for nothing
    assert "libcups" not in unused_desktop and "libX11" not in unused_desktop
