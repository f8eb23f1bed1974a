"""The legend of a risk matrix as lines of text, for the PDF and the spreadsheet alike: each
class with its score range ("6–12", not "≥ 6") and its degrees of Kazakhstan's I–V scale, each
scale's levels with their descriptions, and the national scale's score ranges."""

from __future__ import annotations

from typing import NamedTuple

from wrac_desktop.i18n import in_each, pair_of, pick, translated_in
from wrac_desktop.risk.kz_scale import kz_degree_entry
from wrac_desktop.risk.matrix import Axis, Matrix


class ClassLine(NamedTuple):
    colour: str
    texts: tuple[str, str, str, str]  # name, score range, national degrees, action


def score_range(matrix: Matrix, lower: float, upper: float | None) -> str:
    """The scores the matrix can give from ``lower`` up to (not including) ``upper``, as
    "6–12"; one score alone as "25"."""
    scores = [s for s in matrix.possible_scores() if s >= lower and (upper is None or s < upper)]
    if not scores:
        return f"{lower:g}"
    low, high = scores[0], scores[-1]
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def _degrees(matrix: Matrix, lower: float, upper: float | None) -> str:
    scores = [s for s in matrix.possible_scores() if s >= lower and (upper is None or s < upper)]
    degrees = sorted({matrix.kz_degree(s) for s in scores if s >= matrix.kz_mapping[0].lower})
    if not degrees:
        return ""
    low, high = kz_degree_entry(degrees[0]).roman, kz_degree_entry(degrees[-1]).roman
    return low if low == high else f"{low}–{high}"


def class_lines(matrix: Matrix, lang: str) -> list[ClassLine]:
    lines = []
    for band in matrix.bands:
        lower, upper = matrix.band_range(band.key)
        texts = (
            pick(band.name, lang),
            score_range(matrix, lower, upper),
            _degrees(matrix, lower, upper),
            pick(band.action, lang),
        )
        lines.append(ClassLine(band.colour, texts))
    return lines


def scale_lines(axis: Axis, lang: str) -> list[tuple[str, str]]:
    """(code, "name — description") for each level of the axis, lowest first."""
    if pair_of(lang) is not None:  # each language's line whole, the second under the first
        return in_each(lang, lambda one, _half: scale_lines(axis, one))
    lines = []
    for level in axis.levels:
        name, description = pick(level.label, lang), pick(level.description, lang)
        anchor = pick(level.anchor, lang)
        text = f"{name} — {description}" if description else name
        lines.append((level.code, f"{text} ({anchor})" if anchor else text))
    return lines


def kz_lines(matrix: Matrix, lang: str) -> list[str]:
    """ "III — medium: 6–12" for each degree of the national scale, as this matrix maps it."""
    lines = []
    mapping = matrix.kz_mapping
    for position, threshold in enumerate(mapping):
        upper = mapping[position + 1].lower if position + 1 < len(mapping) else None
        entry = kz_degree_entry(threshold.degree)
        scores = score_range(matrix, threshold.lower, upper)
        lines.append(f"{entry.roman} — {translated_in(entry.name, lang)}: {scores}")
    return lines
