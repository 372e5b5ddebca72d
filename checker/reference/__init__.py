"""Reference data: datasets from outside the profile that evaluation may consult, each typed and versioned.

A dataset says what it is (`kind`), which version and as-of date it is, and where it comes from, so that
every report can name exactly which data an assessment used. Today one kind exists, `party_list`: the
entries of a screening list (the MOFCOM control list, watch list, Unreliable Entity List, the UN
Security Council list, or another), matched against the profile's parties in `checker.facts`.

The dataset model and its reader (`checker.reference.datasets`) are imported only by a run that is given
datasets; evaluation needs no more than this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.reference.datasets import Dataset


@dataclass(frozen=True)
class ReferenceData:
    """The datasets handed to one evaluation, in the order they were given."""

    datasets: tuple[Dataset, ...] = ()

    def of_kind(self, kind: str) -> tuple[Dataset, ...]:
        return tuple(dataset for dataset in self.datasets if dataset.kind == kind)


NO_REFERENCE_DATA = ReferenceData()
