"""How long screening takes: 10,000 parties against the shipped lists (the MOFCOM lists and the UN list, about
1,300 entries) plus a 10,000-entry imported list, next to the time PyYAML's C loader needs to parse the profile
that holds those parties. The goal: screening within 3 times the parse. The index of the lists' names is built
in the time measured (the cache is off), as on the first run after a list changes.

Names are synthetic but shaped like real ones (two or three words and a legal form, or Chinese characters
with a Chinese legal form); one party in twenty is a listed name, written differently or misspelt. Screening
is timed as evaluation does it: the matcher built from the lists, then every party's names matched.

    python benchmarks/screening_speed.py             # 10,000 parties
    python benchmarks/screening_speed.py 50000       # another number
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import date
from pathlib import Path

import yaml

os.environ["EXPORTCHECK_CACHE_DIR"] = "off"  # the index built in the time measured, not read from the cache
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from checker.facts import screening_matches
from checker.lists import KNOWN_LISTS
from checker.lists.shipped import read_shipped
from checker.reference import ReferenceData
from checker.reference.datasets import Dataset

RUNS = 1  # the machine is shared: one run each; rerun to see the spread
SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"] + ["an", "el", "or", "ix", "on", "ur"]
TRADES = ["systems", "technologies", "industries", "electronics", "logistics", "trading", "engineering", "dynamics"]
FORMS = ["Co., Ltd.", "Ltd", "Inc.", "Corporation", "GmbH", "LLC", "S.A.", "Pte. Ltd.", ""]
HANZI = "华东南北中科技电子航空海洋精密仪器机械能源材料光学通信信息智能动力重工船舶数据安全国际贸易发展实业"
ZH_FORMS = ["有限公司", "股份有限公司", "集团有限公司", "株式会社", "公司"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def latin_name(rng: random.Random) -> str:
    """One or two made-up distinctive words, often a trade word, and a legal form: `Kemora Tal Systems GmbH`."""
    words = [word(rng) for _ in range(rng.choice((1, 2, 2)))]
    trade = [rng.choice(TRADES).capitalize()] if rng.random() < 0.7 else []
    return " ".join([*words, *trade, rng.choice(FORMS)])


def chinese_name(rng: random.Random) -> str:
    return "".join(rng.sample(HANZI, rng.randint(3, 6))) + rng.choice(ZH_FORMS)


def dataset(name: str, size: int, rng: random.Random) -> Dataset:
    entries = []
    for _ in range(size):
        entry = {"name": latin_name(rng).strip(), "listed_on": date(2025, 1, 2)}
        if rng.random() < 0.3:
            entry["name_zh"] = chinese_name(rng)
        entries.append(entry)
    return Dataset.model_validate(
        {
            "format": 1,
            "name": name,
            "kind": "party_list",
            "list": "other",
            "version": "synthetic",
            "as_of": date(2026, 8, 24),
            "source": "synthetic",
            "entries": entries,
        }
    )


def misspelt(name: str, rng: random.Random) -> str:
    """One letter of the name's first word changed (a typo in a legal form would not count)."""
    position = rng.randrange(1, max(2, len(name.split()[0])))
    return name[:position] + rng.choice("aeiou".replace(name[position].lower(), "")) + name[position + 1 :]


def parties(count: int, lists: list[Dataset], rng: random.Random) -> list[dict]:
    listed = [entry for d in lists for entry in d.entries]
    found = []
    for n in range(count):
        party = {"id": f"P-{n:05d}", "name": latin_name(rng).strip(), "country": "DE", "roles": ["end_user"]}
        if n % 20 == 0:
            entry = rng.choice(listed)
            party["name"] = rng.choice((entry.name.upper(), misspelt(entry.name, rng), entry.name.replace(" ", "-")))
        if rng.random() < 0.2:
            party["name_zh"] = chinese_name(rng)
        party.update({"screened_on": date(2026, 10, 1), "screening_result": "clear"})
        found.append(party)
    return found


def best(timed) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        timed()
        times.append(time.perf_counter() - start)
    return min(times)


def main(count: int) -> None:
    rng = random.Random(10)
    lists = [*(read_shipped(each.list) for each in KNOWN_LISTS), dataset("imported", 10_000, rng)]
    records = parties(count, lists, rng)
    text = yaml.safe_dump({"parties": records}, allow_unicode=True, sort_keys=False)
    reference = ReferenceData(tuple(lists))

    parse = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    matched: list[list[dict]] = []

    def screen() -> None:
        match = screening_matches(reference)
        matched[:] = [match(party) for party in records]

    screening = best(screen)
    entries = sum(len(d.entries) for d in lists)
    planted = matched[::20]
    strong = sum(1 for found in planted if found and found[0]["strength"] == "strong")
    possible = sum(1 for found in planted if found and found[0]["strength"] == "possible")
    others = sum(1 for n, found in enumerate(matched) if n % 20 and found)
    print("| parties | list entries | YAML C parse (s) | screening (s) | ratio | listed names found | others matched |")
    print("|---:|---:|---:|---:|---:|---|---:|")
    print(
        f"| {count:,} | {entries:,} | {parse:.2f} | {screening:.2f} | {screening / parse:.2f} "
        f"| {strong} strong, {possible} possible of {len(planted)} | {others:,} |"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
