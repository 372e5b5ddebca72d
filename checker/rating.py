"""The rating band of an overall score, as defined in docs/scoring.md.

    90 or more  strong
    75 or more  adequate
    50 or more  needs improvement
    below 50    weak

While a critical failure is open no band is better than "needs improvement":
a high score earned on many small rules must not hide an unlicensed export.
"""

from __future__ import annotations

from dataclasses import dataclass

# Highest first: a score takes the first band whose floor it reaches.
BANDS: tuple[tuple[str, float], ...] = (
    ("strong", 90.0),
    ("adequate", 75.0),
    ("needs_improvement", 50.0),
    ("weak", 0.0),
)
CRITICAL_CAP = "needs_improvement"
NOT_RATED = "not_rated"


@dataclass(frozen=True)
class Rating:
    band: str  # a key of BANDS, or NOT_RATED
    capped: bool  # lowered to CRITICAL_CAP because a critical failure is open


def rating(score: float | None, open_critical: int) -> Rating:
    if score is None:
        return Rating(NOT_RATED, False)
    band = next(name for name, floor in BANDS if score >= floor)
    if open_critical and _rank(band) < _rank(CRITICAL_CAP):
        return Rating(CRITICAL_CAP, True)
    return Rating(band, False)


def _rank(band: str) -> int:
    """0 for the best band."""
    return [name for name, _ in BANDS].index(band)
