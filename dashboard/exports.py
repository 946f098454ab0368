"""Exports built when their button is pressed (st.download_button with a callable), never on a rerun.

Streamlit runs such a callable outside the page's script run, where the session (and so the signed-in
user) cannot be read: the scope is taken when the button is drawn and bound into the query then.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from dashboard import ui
from dashboard.filters import Filters


def rows(name: str, **params: Any) -> Callable[[], pd.DataFrame]:
    """A named query to run later, within the scope of the user who sees the button now."""
    current = ui.user()
    bound = {**params, **(current.scope if current else {"scope_district": None, "scope_town": None})}
    database = ui.db()
    return lambda: database.run(name, bound, strict=False)


def file_name(what: str, f: Filters, ext: str) -> str:
    """An export's file name with its scope, e.g. 整改事项_嘉定区_2018年度.xlsx (no path characters)."""
    parts = [what, f.district or "全市", f.town, f.unit]
    if f.years:
        parts.append("、".join(str(y) for y in sorted(f.years)) + "年度")
    parts += [f.category, f.grade]
    name = "_".join(p for p in parts if p)
    return re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "-", name)[:150] + f".{ext}"
