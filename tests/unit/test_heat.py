"""The overview's heat table colours every cell from the theme: the column's least is the ramp's start,
its most the ramp's end; the mean score takes its grade's tint; a missing value stays uncoloured."""

from __future__ import annotations

import pandas as pd

from dashboard import heat

FRAME = pd.DataFrame(
    {
        "district": ["嘉定区", "闵行区", "浦东新区"],
        "projects": [8, 0, 4],
        "amount_wan": [1633.38, None, 10.0],
        "mean_score": [95.12, None, 58.0],
        "open_items": [0, 0, 0],
        "overdue_items": [3, 0, 1],
        "red_lights": [0, 2, 1],
    }
)


def test_the_most_projects_take_the_end_of_the_blue_ramp() -> None:
    assert heat.cell_colours(FRAME).loc[0, "projects"] == "background-color: #6baed6; color: #1b1b1b"


def test_the_fewest_projects_take_its_start() -> None:
    assert heat.cell_colours(FRAME).loc[1, "projects"] == "background-color: #f7fbff; color: #1b1b1b"


def test_the_most_overdue_take_the_end_of_the_red_ramp() -> None:
    assert heat.cell_colours(FRAME).loc[0, "overdue_items"] == "background-color: #f4a582; color: #1b1b1b"


def test_a_column_of_equal_values_stays_at_the_start() -> None:
    assert heat.cell_colours(FRAME).loc[2, "open_items"] == "background-color: #fff5f0; color: #1b1b1b"


def test_a_mean_score_takes_its_grade_tint() -> None:
    assert heat.cell_colours(FRAME).loc[0, "mean_score"] == "background-color: #d9f0d3"  # 优


def test_a_failing_mean_score_reads_red() -> None:
    assert heat.cell_colours(FRAME).loc[2, "mean_score"] == "background-color: #f8d0cc"  # 差


def test_a_missing_amount_is_not_coloured() -> None:
    assert heat.cell_colours(FRAME).loc[1, "amount_wan"] == ""
