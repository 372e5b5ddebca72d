"""Strong and possible matches of a party's names against the entries of screening lists.

Each list name is indexed under short keys of its tokens (the first and last three letters of a word, a short
word whole, pairs of Chinese characters, the first letters of a pinyin reading), so a party's names are
scored only against the few entries that share a key with them, never against the whole list. The scores and
thresholds are described in docs/screening.md; `STRONG` and `POSSIBLE` are the only two numbers.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from checker import cache
from checker.screening.names import NameKey, name_keys

STRONG = 92.0  # token score at or above which a Latin name is the listed name (fail)
POSSIBLE = 80.0  # token score at or above which a human must look (manual)
# A key shared by more names than this (a common word: systems, technology, 国际) finds no candidates by itself:
# a name matches only if its distinctive words pair too, and those are found through their own, smaller keys.
_BUCKET_CAP = 256

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
        self._names: list[_Listed | tuple[int, str, tuple[str, ...], str]] = []
        self._latin: list[str] = []  # each name's Latin tokens joined, by position
        self._few_words: list[bool] = []  # whether the name has fewer than two words, by position
        self._index: dict[str, list[int]] = {}
        self._has_latin = [False] * len(entry_names)
        self._has_cjk = [False] * len(entry_names)
        for entry, names in enumerate(entry_names):
            keys = [key for text in names for key in name_keys(text)]
            self._has_latin[entry] = any(key.tokens for key in keys)
            self._has_cjk[entry] = any(key.cjk for key in keys)
            for key in keys:
                self._add(_Listed(entry, key))

    def _listed(self, position: int) -> _Listed:
        found = self._names[position]
        if isinstance(found, tuple):  # as kept in the cache: made an object only when it is scored
            entry, text, tokens, cjk = found
            found = self._names[position] = _Listed(entry, NameKey(text, tokens, cjk))
        return found

    def __getstate__(self) -> dict[str, object]:
        # Plain tuples, not thousands of objects: the cached index then loads several times faster.
        state = dict(self.__dict__)
        state["_names"] = [
            (n.entry, n.key.text, n.key.tokens, n.key.cjk) if isinstance(n, _Listed) else n for n in self._names
        ]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def _add(self, listed: _Listed) -> None:
        position = len(self._names)
        self._names.append(listed)
        self._latin.append(listed.key.latin)
        self._few_words.append(len(listed.key.tokens) < 2)
        bridged = (not self._has_cjk[listed.entry], not self._has_latin[listed.entry])
        for index_key in _index_keys(listed.key, *bridged):
            self._index.setdefault(index_key, []).append(position)

    def match(self, names: Iterable[str]) -> list[Match]:
        """The best match per entry for these names (a party's name and Chinese name): strong matches, then
        possible ones, each sorted by score; possible matches are left out when any entry matches strongly."""
        best: dict[int, Match] = {}
        for text in names:
            for key in name_keys(text):
                candidates = self._candidates(key)
                close = self._close_in_latin(key, candidates)
                for position in candidates:
                    listed = self._listed(position)
                    if position not in close and not key.cjk and self._has_latin[listed.entry]:
                        continue  # a Latin name compared only with Latin names, and not close to this one
                    found = self._score(key, listed, position in close)
                    if found is not None and _better(found, best.get(listed.entry)):
                        best[listed.entry] = found
        ranked = sorted(best.values(), key=lambda m: (m.strength != "strong", -m.score, m.entry))
        if any(m.strength == "strong" for m in ranked):
            return [m for m in ranked if m.strength == "strong"]
        return ranked

    def _candidates(self, key: NameKey) -> set[int]:
        """The names worth scoring: found through two of the name's words (or all of a listed name's own, if it
        has fewer), through a pair of its Chinese characters, or through the start of a pinyin reading."""
        counts: Counter[int] = Counter()
        groups = [self._small(_word_keys(token)) for token in key.tokens]
        usable = [group for group in groups if group]
        if key.tokens and not usable:  # only common words: the rarest of them
            usable = [min((self._index.get(k, []) for t in key.tokens for k in _word_keys(t)), key=len)]
        for group in usable:
            counts.update(set(group))
        if len(usable) < 2:
            found = set(counts)
        else:
            few = self._few_words
            found = {p for p, hits in counts.items() if hits >= 2 or few[p]}
        return found.union(self._small(_bridge_keys(key)))

    def _small(self, keys: Iterable[str]) -> list[int]:
        return [p for k in keys if len(bucket := self._index.get(k, [])) <= _BUCKET_CAP for p in bucket]

    def _close_in_latin(self, key: NameKey, candidates: set[int]) -> set[int]:
        """The candidates whose Latin name is close to this one, or holds it or is held by it: scored in one
        pass each (rapidfuzz), so that word-by-word pairing runs only on these few."""
        if not key.tokens:
            return set()
        choices = {position: self._latin[position] for position in candidates if self._latin[position]}
        close: set[int] = set()
        for scorer in (fuzz.token_sort_ratio, fuzz.token_set_ratio):
            found = process.extract(key.latin, choices, scorer=scorer, score_cutoff=POSSIBLE, limit=None)
            close |= {position for _, _, position in found}
        return close

    def _score(self, key: NameKey, listed: _Listed, close: bool) -> Match | None:
        other = listed.key
        found: tuple[Strength, float, Method] | None = None
        if close and key.tokens and other.tokens:
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


def _word_keys(word: str) -> tuple[str, ...]:
    """A short word whole; a longer one by its first and last three letters, one of which a single edit spares
    from six letters on; below six, also by its outer letters and length, which a changed inner letter spares."""
    if len(word) <= 3:
        return (f"={word}",)
    keys = (f"<{word[:3]}", f">{word[-3:]}")
    return (*keys, f"^{word[0]}{word[-1]}{len(word)}") if len(word) < 6 else keys


def _index_keys(key: NameKey, from_chinese: bool, from_latin: bool) -> set[str]:
    """What a listed name is filed under: its words and its pairs of Chinese characters; and where a name in
    the other script may be read against it (the entry has no name in that script), the start of its Latin
    spelling or of its pinyin reading."""
    keys = {k for token in key.tokens for k in _word_keys(token)}
    if key.tokens and from_chinese:
        keys.add(f"~l{''.join(key.tokens)[:4]}")
    if key.cjk:
        keys |= _cjk_keys(key.cjk)
        if from_latin:
            keys.add(f"~c{key.pinyin[:4]}")
    return keys


def _bridge_keys(key: NameKey) -> set[str]:
    """The keys a name is looked up by beyond its words: its Chinese character pairs, and the start of its pinyin
    reading among Latin spellings, or of its Latin spelling among pinyin readings."""
    keys = set()
    if key.cjk:
        keys |= _cjk_keys(key.cjk)
        keys.add(f"~l{key.pinyin[:4]}")
    if key.tokens:
        keys.add(f"~c{''.join(key.tokens)[:4]}")
    return keys


def _cjk_keys(cjk: str) -> set[str]:
    return {f"#{cjk[i : i + 2]}" for i in range(max(1, len(cjk) - 1))}


def _latin(query: Sequence[str], listed: Sequence[str]) -> tuple[Strength, float, Method] | None:
    """Token scoring: the sorted-token ratio, held down by how much of both names pairs up word for word
    (so one changed letter in a word scores high and a different word of similar spelling does not)."""
    joined_query, joined_listed = " ".join(query), " ".join(listed)
    ratio = fuzz.token_sort_ratio(joined_query, joined_listed)
    if ratio < POSSIBLE and fuzz.token_set_ratio(joined_query, joined_listed) < POSSIBLE:
        return None  # neither close nor one inside the other: no need to pair the words
    paired, unpaired_query, unpaired_listed = _pair(query, listed)
    total = sum(map(len, query)) + sum(map(len, listed))
    score = min(ratio, 100.0 * paired / total if total else 0.0)
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


def indexed(entry_names: Sequence[Sequence[str]]) -> Matcher:
    """The matcher of these names, built once and then kept in the cache (checker.cache): indexing a thousand
    list names costs more than the rest of a small assessment, and the names change only with the lists.
    The key covers every name in order and the screening code itself, so any change is a miss."""
    digest = hashlib.blake2b(digest_size=16)
    for names in entry_names:
        digest.update("\x1f".join(names).encode())
        digest.update(b"\x1e")
    code = cache.key_of([Path(__file__).parent], (".py",))
    key = f"{code}:{digest.hexdigest()}" if code else None
    found = cache.load_objects(_CACHE_NAME, key)
    if isinstance(found, Matcher):
        return found
    matcher = Matcher(entry_names)
    cache.store_objects(_CACHE_NAME, key, matcher)
    return matcher


_CACHE_NAME = "screening-index"
