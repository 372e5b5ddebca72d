"""Screening lists: the snapshots shipped in the package, the copies a user imports, and their age.

A list is a `checker.reference.datasets.Dataset` of kind `party_list`. exportcheck ships a dated, partial
snapshot of four lists (`shipped`); a user may import their own copy of any of them (`importing`, kept in a
user data folder by `store`), which then takes the snapshot's place. A `check` of a profile that has parties
consults these lists by default (`defaults`), and every report names each list's version and warns when a
list is older than `STALE_AFTER_DAYS` at the assessment date (`staleness`).
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.profile.vocabulary import ScreeningList

STALE_AFTER_DAYS = 90
"""A list older than this at the assessment date may miss recent listings: the report says so."""


@dataclass(frozen=True)
class KnownList:
    list: ScreeningList
    file: str  # the file name of its shipped snapshot and of an imported copy; its names: templates/i18n.yaml


KNOWN_LISTS = (
    KnownList(ScreeningList.mofcom_control_list, "mofcom-control-list.yaml"),
    KnownList(ScreeningList.mofcom_watch_list, "mofcom-watch-list.yaml"),
    KnownList(ScreeningList.unreliable_entity_list, "unreliable-entity-list.yaml"),
    KnownList(ScreeningList.un_security_council_sanctions, "un-security-council-consolidated.yaml"),
)


def known(list_: ScreeningList) -> KnownList:
    return next(each for each in KNOWN_LISTS if each.list == list_)
