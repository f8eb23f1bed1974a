"""Search the library by any word in kk, ru or en, as an officer types.

Words are folded (case-insensitive for Cyrillic, Kazakh letters included) and matched by
prefix both ways, so "газ" finds "газы"/"газов" and "газы" finds "газ"; a hit in a name
outranks a keyword, which outranks the rest of the text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from wrac_desktop.hazards.model import HazardEntry
from wrac_desktop.text import collation_key, fold

WEIGHT_NAME, WEIGHT_KEYWORD, WEIGHT_TEXT = 10.0, 6.0, 1.0
EXACT_BONUS = 1.5
_WORD = re.compile(r"[\w₀-₉]+")
_MAX_ENDING = 3  # "газы" → "газ", "құлауы" → "құлау": short inflectional endings only


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text).replace("₂", "2").replace("₁", "1"))


class SearchIndex:
    def __init__(self, entries: Iterable[HazardEntry]) -> None:
        self.entries = tuple(entries)
        self._tokens: dict[str, dict[int, float]] = defaultdict(dict)
        for position, entry in enumerate(self.entries):
            for text, weight in _weighted_texts(entry):
                for token in words(text):
                    known = self._tokens[token].get(position, 0.0)
                    self._tokens[token][position] = max(known, weight)

    def search(self, query: str, limit: int = 20) -> list[HazardEntry]:
        query_words = words(query)
        if not query_words:
            return []
        scores: dict[int, float] | None = None
        for word in query_words:
            hits = self._hits(word)
            scores = (
                hits
                if scores is None
                else {i: scores[i] + s for i, s in hits.items() if i in scores}
            )
        ranked = sorted(
            (scores or {}).items(),
            key=lambda item: (-item[1], collation_key(self.entries[item[0]].name.get("en"))),
        )
        return [self.entries[i] for i, _score in ranked[:limit]]

    def _hits(self, word: str) -> dict[int, float]:
        hits: dict[int, float] = {}
        for token, postings in self._tokens.items():
            strength = _match(word, token)
            if strength:
                for position, weight in postings.items():
                    hits[position] = max(hits.get(position, 0.0), weight * strength)
        return hits


def _match(word: str, token: str) -> float:
    if word == token:
        return EXACT_BONUS
    if token.startswith(word):
        return 1.0
    if word.startswith(token) and len(token) >= 3 and len(word) - len(token) <= _MAX_ENDING:
        return 0.8
    return 0.0


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
