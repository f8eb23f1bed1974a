"""Search the library by any word in kk, ru or en, as an officer types.

Words are folded (case-insensitive for Cyrillic, Kazakh letters included) and matched by
prefix both ways, so "газ" finds "газы"/"газов" and "газы" finds "газ". Every word of a query
must match (AND). An entry scores by the best place a word matched - name, then keywords, then
the rest of the text - plus a small bonus for how often the word recurs, so that among entries
that only mention gas in passing the gas hazards themselves come first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator

from wrac_desktop.hazards.model import HazardEntry
from wrac_desktop.i18n import pick
from wrac_desktop.text import collation_key, fold

# The weights keep the order name > keyword > text whatever the recurrence bonus adds.
WEIGHT_NAME, WEIGHT_KEYWORD, WEIGHT_TEXT = 20.0, 8.0, 1.0
EXACT, PREFIX, STEM = 1.5, 1.0, 0.8
RECURRENCE_WEIGHT, RECURRENCE_CAP = 0.2, 10
_WORD = re.compile(r"[\w₀-₉]+")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")  # "NO₂" and "NO2" are one word
_MIN_STEM, _MAX_ENDING = 3, 3  # "газы" → "газ", "құлауы" → "құлау": short endings only


def words(text: str) -> list[str]:
    """The folded search words of ``text``."""
    return _WORD.findall(fold(text).translate(_SUBSCRIPTS))


class SearchIndex:
    """An inverted index over entries: token → {entry position: (best weight, occurrences)}."""

    def __init__(self, entries: Iterable[HazardEntry]) -> None:
        self.entries = tuple(entries)
        self._postings: dict[str, dict[int, tuple[float, int]]] = defaultdict(dict)
        for position, entry in enumerate(self.entries):
            for text, weight in _weighted_texts(entry):
                for token in words(text):
                    best, count = self._postings[token].get(position, (0.0, 0))
                    self._postings[token][position] = (max(best, weight), count + 1)
        self._tokens = sorted(self._postings)  # sorted, so a prefix is one bisect away

    def search(self, query: str, lang: str | None = None, limit: int = 20) -> list[HazardEntry]:
        """Entries matching every word of ``query``, best first; ties by name in ``lang``."""
        scores: dict[int, float] | None = None
        for word in words(query):
            hits = self._hits(word)
            scores = hits if scores is None else _and(scores, hits)
            if not scores:
                return []
        ranked = sorted((scores or {}).items(), key=lambda item: self._order(item, lang))
        return [self.entries[position] for position, _score in ranked[:limit]]

    def _order(self, item: tuple[int, float], lang: str | None) -> tuple[object, ...]:
        entry = self.entries[item[0]]
        return -item[1], collation_key(pick(entry.name, lang or "en")), entry.id

    def _hits(self, word: str) -> dict[int, float]:
        best: dict[int, float] = {}
        count: dict[int, int] = defaultdict(int)
        for token, strength in self._matching_tokens(word):
            for position, (weight, occurrences) in self._postings[token].items():
                best[position] = max(best.get(position, 0.0), weight * strength)
                count[position] += occurrences
        return {
            position: score + RECURRENCE_WEIGHT * min(count[position], RECURRENCE_CAP)
            for position, score in best.items()
        }

    def _matching_tokens(self, word: str) -> Iterator[tuple[str, float]]:
        start = bisect_left(self._tokens, word)
        for token in self._tokens[start:]:
            if not token.startswith(word):
                break
            yield token, EXACT if token == word else PREFIX
        for cut in range(1, _MAX_ENDING + 1):
            stem = word[:-cut]
            if len(stem) >= _MIN_STEM and stem in self._postings:
                yield stem, STEM


def _and(scores: dict[int, float], hits: dict[int, float]) -> dict[int, float]:
    return {
        position: score + hits[position] for position, score in scores.items() if position in hits
    }


def _weighted_texts(entry: HazardEntry) -> Iterable[tuple[str, float]]:
    for text in entry.name.values():
        yield text, WEIGHT_NAME
    for keyword_list in entry.keywords.values():
        for keyword in keyword_list:
            yield keyword, WEIGHT_KEYWORD
    yield entry.id.replace("_", " "), WEIGHT_KEYWORD
    rest = [entry.description, *entry.unwanted_events, *entry.causes, *entry.consequences]
    rest += [control.text for control in entry.controls]
    for local in rest:
        for text in local.values():
            yield text, WEIGHT_TEXT
