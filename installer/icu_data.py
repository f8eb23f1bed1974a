"""Qt's ICU data for the app's three languages only: 32 MB of the Linux bundle down to 6 MB.

PySide6's Linux wheels ship ICU, and ``libicudata.so.NN`` is one 32 MB symbol, ``icudtNN_dat``,
holding locale data for some 800 locales and every conversion table ICU knows. Qt reads it for
collation (``QCollator``, locale-aware sorting), time-zone names and the few text codecs it does
not have itself; the app speaks Kazakh, Russian and English. So the spec rebuilds the library
with ``icupkg`` (icu-devtools) from the same data minus:

- the locale items (``*.res`` named by a language code) of every other language, in every tree
  (``coll``, ``curr``, ``lang``, ``region``, ``unit``, ``zone``, ``rbnf``, ``translit``, the top);
  ``root``, the pools, ``res_index`` and the non-locale tables (plurals, time zones, likely
  subtags...) all stay, so any other locale quietly falls back to root, as ICU does anyway;
- the word-break dictionaries for Chinese/Japanese, Thai, Lao, Khmer and Burmese (ICU's own
  data filter offers to drop them; without them those scripts break at characters);
- the multi-byte conversion tables (CJK, EBCDIC), and any table that extends one of them; the
  single-byte ones (windows-1251, KOI8-R, CP866...) stay.

Linux only: the Windows wheels carry no ICU (Qt uses the system's). ``python installer/
icu_data.py SOURCE OUT`` does it by hand; ``tests/dist`` checks the result through ICU itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEPT_LANGUAGES = {"kk", "ru", "en"}
LOCALE_NAME = re.compile(r"[a-z]{2,3}")  # the language part of a locale item's name
NOT_LOCALES = {"res_index"}
LARGEST_KEPT_TABLE = 16_000  # bytes: single-byte .cnv tables are a few kB, multi-byte ones more
TOOLS = {"objcopy": "binutils", "icupkg": "icu-devtools", "gcc": "gcc"}


def dropped(name: str, size: int) -> bool:
    """Whether the ICU data item ``name`` (e.g. ``coll/zh.res``) is left out."""
    stem, _dot, extension = name.rpartition("/")[2].rpartition(".")
    if extension == "res":
        language = stem.split("_")[0]
        return (
            stem not in NOT_LOCALES
            and LOCALE_NAME.fullmatch(language) is not None
            and language not in KEPT_LANGUAGES
        )
    if extension == "dict":
        return True
    return extension == "cnv" and size > LARGEST_KEPT_TABLE


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SystemExit(
            f"icu_data: {name} is missing (Debian package {TOOLS[name]}); "
            "scripts/system-deps.sh installs it"
        )
    return path


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def trim(library: Path, out: Path) -> Path:
    """Write ``out``, a ``libicudata.so.NN`` like ``library`` with only the data we keep."""
    version = library.name.split(".so.")[1].split(".")[0]
    with tempfile.TemporaryDirectory(prefix="wrac-icu-") as folder:
        work = Path(folder)
        data = work / f"icudt{version}l.dat"
        result = _run(
            _tool("objcopy"), "-O", "binary", "--only-section=.rodata", str(library), str(data)
        )
        if result.returncode != 0 or data.read_bytes()[12:16] != b"CmnD":
            raise SystemExit(f"icu_data: no ICU common data in {library}: {result.stderr}")
        listed = _run(_tool("icupkg"), "-l", str(data))
        items = listed.stdout.split()
        files = work / "items"
        files.mkdir()
        _run(_tool("icupkg"), "-x", "*", "-d", str(files), str(data))
        drop = {item for item in items if dropped(item, (files / item).stat().st_size)}
        kept = work / "kept" / data.name  # icupkg names the items after the file: keep it
        kept.parent.mkdir()
        while True:  # a conversion table extending a dropped one goes too
            (work / "drop.txt").write_text("\n".join(sorted(drop)) + "\n")
            check = _run(_tool("icupkg"), "-r", str(work / "drop.txt"), str(data), str(kept))
            extending = set(re.findall(r"Item (\S+\.cnv) depends on missing", check.stderr))
            if not extending - drop:
                break
            drop |= extending
        # what still "depends on" a dropped item now is only brkitr/root.res on the dictionaries
        result = _run(
            _tool("icupkg"), "--ignore-deps", "-r", str(work / "drop.txt"), str(data), str(kept)
        )
        if result.returncode != 0:
            raise SystemExit(f"icu_data: icupkg failed: {result.stderr}")
        source = work / "icudata.S"
        source.write_text(
            "    .section .rodata\n"
            f"    .globl icudt{version}_dat\n"
            f"    .type icudt{version}_dat, @object\n"
            "    .balign 16\n"
            f"icudt{version}_dat:\n"
            f'    .incbin "{kept}"\n'
            f"    .size icudt{version}_dat, . - icudt{version}_dat\n"
            '    .section .note.GNU-stack,"",@progbits\n'
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        result = _run(
            _tool("gcc"), "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-s",
            "-o", str(out), str(source),
        )  # fmt: skip
        if result.returncode != 0:
            raise SystemExit(f"icu_data: could not link {out.name}: {result.stderr}")
    return out


if __name__ == "__main__":
    trimmed = trim(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{trimmed}: {trimmed.stat().st_size / 1e6:.1f} MB")
