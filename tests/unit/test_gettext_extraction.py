"""Every message the code translates reaches the catalogues: pybabel does not extract a _()
written inside an f-string, and such words stayed English in a Kazakh or Russian window
("Due: … — show" above the register, "Flagged for re-assessment:" in a tooltip)."""

from __future__ import annotations

import ast
from pathlib import Path

import wrac_desktop

TRANSLATING = {"_", "N_", "NC_", "ngettext"}


def _translations_in_fstrings(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in TRANSLATING
                ):
                    lines.append(inner.lineno)
    return lines


def test_no_message_is_translated_inside_an_f_string() -> None:
    root = Path(wrac_desktop.__file__).parent
    found = [
        f"{path.relative_to(root)}:{line}"
        for path in sorted(root.rglob("*.py"))
        for line in _translations_in_fstrings(path.read_text("utf-8"))
    ]
    assert found == []


def test_the_check_sees_one() -> None:
    assert _translations_in_fstrings("x = f\"{_('Due:')} {n}\"\n") == [1]
    assert _translations_in_fstrings("due = _('Due:')\nx = f'{due} {n}'\n") == []
