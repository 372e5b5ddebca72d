"""Notices: what a reader of an assessment must know beside its findings.

A notice is not a finding: it judges nothing and counts in no score. It says what the assessment could not
or did not look at, and why: records dated after the assessment date, a measure whose recorded status ran
out before that date, a subject the rules do not assess. Every report shows a profile's notices before its
findings, in the order they are given here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str  # what the notice is about: records_after_date, status_unknown, out_of_scope, …
    en: str
    zh: str
    refs: tuple[str, ...] = ()  # the documents, rules or records it concerns, for a reader to follow up
