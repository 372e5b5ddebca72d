"""The geometry of the score chart: one horizontal bar per scored element, the overall score first.

Only numbers are computed here; the template draws them as inline SVG. Units
are points, and the chart is as wide as the text block of an A4 page, so the
SVG is laid out at its natural size and its labels stay the body's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.score import band_of

WIDTH = 481.9  # 170 mm, the text block between 20 mm margins
LABEL_WIDTH = 196.0  # the longest element name, "Provision of technology to foreign persons", at 8 pt
GAP = 8.0
VALUE_WIDTH = 34.0
ROW = 15.0
BAR = 8.5
OVERALL_BAR = 12.0
AXIS = 16.0
GRID = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Bar:
    label: str
    value: str  # as printed, e.g. "62.3"
    band: str  # colours the bar; the printed value says the same in words and numbers
    top: float
    height: float
    length: float
    overall: bool

    @property
    def baseline(self) -> float:
        """Where a label's baseline sits to look centred on the bar (8 pt text)."""
        return self.top + self.height / 2 + 2.8


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    bar_left: float
    bar_width: float
    value_right: float
    bars: tuple[Bar, ...]
    grid: tuple[tuple[float, str], ...]  # x and label of each vertical grid line
    axis_baseline: float


def score_chart(
    overall_label: str, overall: float | None, overall_band: str, elements: list[tuple[str, float]]
) -> Chart:
    """`elements` are (display name, score) of the scored elements, in report order; the overall bar takes the
    profile's rating band (which a critical failure caps), an element's bar the band of its score alone."""
    bar_left = LABEL_WIDTH + GAP
    bar_width = WIDTH - bar_left - GAP - VALUE_WIDTH
    bars: list[Bar] = []
    top = 0.0
    if overall is not None:
        bars.append(_bar(overall_label, overall, overall_band, top, OVERALL_BAR, bar_width, True))
        top += OVERALL_BAR + ROW - BAR + 6.0  # a little air between the total and its parts
    for label, value in elements:
        bars.append(_bar(label, value, band_of(value), top + (ROW - BAR) / 2, BAR, bar_width, False))
        top += ROW
    grid = tuple((bar_left + bar_width * mark / 100, str(mark)) for mark in GRID)
    return Chart(WIDTH, top + AXIS, bar_left, bar_width, WIDTH, tuple(bars), grid, top + AXIS - 4.0)


def _bar(label: str, value: float, band: str, top: float, height: float, bar_width: float, overall: bool) -> Bar:
    return Bar(label, f"{value:.1f}", band, top, height, bar_width * max(0.0, min(value, 100.0)) / 100, overall)
