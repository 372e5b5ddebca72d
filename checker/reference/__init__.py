"""Reference data: datasets from outside the profile that evaluation may consult, each typed and versioned.

A dataset says what it is (`kind`), which version and as-of date it is, and where it comes from, so that
every report can name exactly which data an assessment used. Today one kind exists, `party_list`: the
entries of a screening list (the MOFCOM control list, watch list, Unreliable Entity List, the UN
Security Council list, or another), matched against the profile's parties in `checker.facts`.
"""

from checker.reference.datasets import NO_REFERENCE_DATA, Dataset, Entry, ReferenceData, load_dataset

__all__ = ["NO_REFERENCE_DATA", "Dataset", "Entry", "ReferenceData", "load_dataset"]
