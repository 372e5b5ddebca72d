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


TREND_PLOT = 120.0  # the plot's height, 0 to 100
TREND_LEFT = 22.0  # room for the score axis's labels
TREND_PAD = 28.0  # between the plot's edge and the first and last assessment, half a date label
LEGEND_ROW = 11.0
LEGEND_COLUMNS = 2
# Colours of the elements' lines, apart from the overall score's dark one and from one another.
PALETTE = ("#1f77b4", "#e07b00", "#2ca02c", "#c62828", "#7e57c2", "#8d6e63", "#d81b60", "#00897b", "#9e9d24")


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    width: float
    points: tuple[tuple[float, float], ...]  # (x, y) of each assessment with a score
    values: tuple[str, ...]  # as printed, one per point
    overall: bool
    legend_x: float
    legend_y: float
    dash: str = ""  # the lines past the palette's colours are dashed, to stay apart from those of its colour

    @property
    def path(self) -> str:
        return " ".join(f"{x:.2f},{y:.2f}" for x, y in self.points)


@dataclass(frozen=True)
class Trend:
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_bottom: float
    dates: tuple[tuple[float, str], ...]  # x and label of each assessment
    grid: tuple[tuple[float, str], ...]  # y and label of each horizontal grid line
    lines: tuple[Line, ...]  # the overall score last, drawn over the others


def trend_chart(
    dates: list[str], overall_label: str, overall: list[float | None], elements: list[tuple[str, list[float | None]]]
) -> Trend:
    """The scores of each assessment, oldest first: `overall` one per date, `elements` (display name, one score
    or None per date) in report order. Dates are evenly spaced: the chart shows the order of the assessments
    and their scores, and the dates are printed under them."""
    right = WIDTH - 4.0
    span = right - TREND_LEFT - 2 * TREND_PAD
    if len(dates) > 1:
        xs = [TREND_LEFT + TREND_PAD + span * index / (len(dates) - 1) for index in range(len(dates))]
    else:  # this assessment alone: one point in the middle
        xs = [(TREND_LEFT + right) / 2]
    top = 6.0
    bottom = top + TREND_PLOT

    def y(value: float) -> float:
        return bottom - TREND_PLOT * max(0.0, min(value, 100.0)) / 100

    series = [*((label, values, False) for label, values in elements), (overall_label, overall, True)]
    legend_top = bottom + 26.0
    column = (WIDTH - TREND_LEFT) / LEGEND_COLUMNS
    lines = []
    for index, (label, values, is_overall) in enumerate(series):
        shown = [(x, value) for x, value in zip(xs, values, strict=True) if value is not None]
        slot = 0 if is_overall else index + 1  # the overall score's legend entry comes first
        lines.append(
            Line(
                label,
                "#1b2230" if is_overall else PALETTE[index % len(PALETTE)],
                2.0 if is_overall else 1.0,
                tuple((x, y(value)) for x, value in shown),
                tuple(f"{value:.1f}" for _, value in shown),
                is_overall,
                TREND_LEFT + column * (slot % LEGEND_COLUMNS),
                legend_top + LEGEND_ROW * (slot // LEGEND_COLUMNS),
                "" if is_overall or index < len(PALETTE) else "3 1.5",
            )
        )
    rows = -(-len(series) // LEGEND_COLUMNS)
    return Trend(
        WIDTH,
        legend_top + LEGEND_ROW * rows,
        TREND_LEFT,
        right,
        bottom,
        tuple(zip(xs, dates, strict=True)),
        tuple((y(mark), str(mark)) for mark in GRID),
        tuple(lines),
    )
