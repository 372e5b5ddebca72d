"""Strong and possible matches of a party's names against the entries of screening lists.

Each list name is indexed under short keys of its tokens (the first and last three letters of a word, a short
word whole, pairs of Chinese characters, the first letters of a pinyin reading), so a party's names are
scored only against the few entries that share a key with them, never against the whole list. The scores and
thresholds are described in docs/screening.md; `STRONG` and `POSSIBLE` are the only two numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from checker.screening.names import NameKey, name_keys

STRONG = 92.0  # token score at or above which a Latin name is the listed name (fail)
POSSIBLE = 80.0  # token score at or above which a human must look (manual)
_BUCKET_CAP = 2_000  # a key shared by more names than this (a very common word) finds no candidates alone

Strength = Literal["strong", "possible"]
Method = Literal["tokens", "contains", "characters", "pinyin"]


@dataclass(frozen=True)
class Match:
    """A party name matched to one entry: which entry (its position in the lists given), how, and how well."""

    entry: int
    strength: Strength
    score: float  # 0-100
    method: Method
    name: str  # the party's name as written
    matched: str  # the entry's name as written


@dataclass(frozen=True)
class _Listed:
    entry: int
    key: NameKey


def edit_budget(length: int) -> int:
    """Edits a word may differ by and still be the same word: none for 3 letters, one up to 8, two beyond."""
    return 0 if length <= 3 else 1 if length <= 8 else 2


class Matcher:
    """The names of a sequence of entries, indexed; `match` scores a party's names against them."""

    def __init__(self, entry_names: Sequence[Iterable[str]]):
        self._names: list[_Listed] = []
        self._index: dict[str, list[int]] = {}
        self._has_latin = [False] * len(entry_names)
        self._has_cjk = [False] * len(entry_names)
        for entry, names in enumerate(entry_names):
            for text in names:
                for key in name_keys(text):
                    self._add(_Listed(entry, key))

    def _add(self, listed: _Listed) -> None:
        position = len(self._names)
        self._names.append(listed)
        self._has_latin[listed.entry] |= bool(listed.key.tokens)
        self._has_cjk[listed.entry] |= bool(listed.key.cjk)
        for index_key in _index_keys(listed.key):
            self._index.setdefault(index_key, []).append(position)

    def match(self, names: Iterable[str]) -> list[Match]:
        """The best match per entry for these names (a party's name and Chinese name): strong matches, then
        possible ones, each sorted by score; possible matches are left out when any entry matches strongly."""
        best: dict[int, Match] = {}
        for text in names:
            for key in name_keys(text):
                for position in self._candidates(key):
                    listed = self._names[position]
                    found = self._score(key, listed)
                    if found is not None and _better(found, best.get(listed.entry)):
                        best[listed.entry] = found
        ranked = sorted(best.values(), key=lambda m: (m.strength != "strong", -m.score, m.entry))
        if any(m.strength == "strong" for m in ranked):
            return [m for m in ranked if m.strength == "strong"]
        return ranked

    def _candidates(self, key: NameKey) -> set[int]:
        buckets = [self._index.get(index_key, ()) for index_key in _index_keys(key)]
        small = [bucket for bucket in buckets if len(bucket) <= _BUCKET_CAP]
        chosen = small or sorted(buckets, key=len)[:1]
        return {position for bucket in chosen for position in bucket}

    def _score(self, key: NameKey, listed: _Listed) -> Match | None:
        other = listed.key
        found: tuple[Strength, float, Method] | None = None
        if key.tokens and other.tokens:
            found = _latin(key.tokens, other.tokens)
        if key.cjk and other.cjk:
            found = _stronger(found, _characters(key.cjk, other.cjk))
        # A reading bridges scripts only where the entry has no name in the party name's own script.
        if key.cjk and not key.tokens and not self._has_cjk[listed.entry] and other.tokens:
            found = _stronger(found, _pinyin(key, other.tokens))
        if key.tokens and not key.cjk and not self._has_latin[listed.entry] and other.cjk:
            found = _stronger(found, _pinyin(other, key.tokens))
        if found is None:
            return None
        strength, score, method = found
        return Match(listed.entry, strength, round(score, 1), method, key.text, other.text)


def _index_keys(key: NameKey) -> set[str]:
    keys: set[str] = set()
    for token in key.tokens:
        keys |= {f"={token}"} if len(token) <= 3 else {f"<{token[:3]}", f">{token[-3:]}"}
    if key.tokens:
        keys.add(f"~{''.join(key.tokens)[:4]}")  # where a pinyin reading may meet a Latin spelling
    if key.cjk:
        cjk = key.cjk
        keys |= {f"#{cjk[i : i + 2]}" for i in range(max(1, len(cjk) - 1))}
        keys.add(f"~{key.pinyin[:4]}")
    return keys


def _latin(query: Sequence[str], listed: Sequence[str]) -> tuple[Strength, float, Method] | None:
    """Token scoring: the sorted-token ratio, held down by how much of both names pairs up word for word
    (so one changed letter in a word scores high and a different word of similar spelling does not)."""
    paired, unpaired_query, unpaired_listed = _pair(query, listed)
    total = sum(map(len, query)) + sum(map(len, listed))
    aligned = 100.0 * paired / total if total else 0.0
    score = min(fuzz.token_sort_ratio(" ".join(query), " ".join(listed)), aligned)
    if score >= STRONG:
        return "strong", score, "tokens"
    if score >= POSSIBLE:
        return "possible", score, "tokens"
    # One name holds every word of the other (a subsidiary, a name with a suffix): a human must look.
    shorter = query if len(query) < len(listed) else listed
    if len(shorter) >= 2 and (not unpaired_query or not unpaired_listed):
        return "possible", score, "contains"
    return None


def _pair(query: Sequence[str], listed: Sequence[str]) -> tuple[int, list[str], list[str]]:
    """Pairs each word with the closest unused word within its edit budget; the letters paired, and the
    words left over on each side."""
    left = list(listed)
    paired = 0
    unpaired: list[str] = []
    for word in sorted(query, key=len, reverse=True):
        best, best_distance = None, None
        for position, candidate in enumerate(left):
            budget = edit_budget(max(len(word), len(candidate)))
            distance = Levenshtein.distance(word, candidate, score_cutoff=budget)
            if distance <= budget and (best_distance is None or distance < best_distance):
                best, best_distance = position, distance
        if best is None:
            unpaired.append(word)
        else:
            paired += len(word) + len(left.pop(best))
    return paired, unpaired, left


def _characters(query: str, listed: str) -> tuple[Strength, float, Method] | None:
    """Chinese names are short once legal forms are stripped, so one character weighs 15 to 50 points: only
    the same characters are strong; one of them a prefix of the other, or one character apart, is possible."""
    score = fuzz.ratio(query, listed)
    if query == listed:
        return "strong", 100.0, "characters"
    shorter, longer = sorted((query, listed), key=len)
    if (len(shorter) >= 3 and longer.startswith(shorter)) or (len(shorter) >= 4 and shorter in longer):
        return "possible", score, "characters"
    if len(query) == len(listed) >= 4 and Levenshtein.distance(query, listed) <= (1 if len(query) < 8 else 2):
        return "possible", score, "characters"
    return None


def _pinyin(chinese: NameKey, latin: Sequence[str]) -> tuple[Strength, float, Method] | None:
    """A Chinese name read in pinyin against a Latin spelling: the whole reading (`金铁三`, `Jin Tiesan`), or
    the first Latin word as the reading of the first characters covering half the name (`华为技术`, `Huawei
    Technologies`). Readings are ambiguous, so such a match is only ever possible."""
    joined = "".join(latin)
    score = fuzz.ratio(chinese.pinyin, joined)
    if score >= STRONG:
        return "possible", score, "pinyin"
    first = latin[0]
    half = (len(chinese.syllables) + 1) // 2
    for count in range(max(2, half), len(chinese.syllables) + 1):
        if len(first) >= 4 and "".join(chinese.syllables[:count]) == first:
            return "possible", score, "pinyin"
    return None


def _stronger(
    found: tuple[Strength, float, Method] | None, other: tuple[Strength, float, Method] | None
) -> tuple[Strength, float, Method] | None:
    if found is None or other is None:
        return found or other
    return found if (found[0] == "strong", found[1]) >= (other[0] == "strong", other[1]) else other


def _better(found: Match, current: Match | None) -> bool:
    return current is None or (found.strength == "strong", found.score) > (current.strength == "strong", current.score)
