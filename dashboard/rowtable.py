"""A ranking drawn as an HTML table whose rows open something (a project, a unit).

Why not st.dataframe: its canvas grid held the browser's main thread for 0.3–0.5 s on every new
page, so /ranking drew its table after a plain pandas app did (README, "First paint"). An HTML table
is drawn with the rest of the page, and it is text: long names wrap instead of being cut, Ctrl+F
finds a unit, a screen reader reads the cells, and it prints.

Rows become clickable when a small script-only component (st.components.v2, not an iframe) has
loaded, a moment after the table is drawn; until then a row does not look clickable (no pointer).
A click or Enter on a row sends that row's key for one script run (a trigger value), so a click is
never replayed on a later run. Every cell is escaped: a document's text is data, never markup.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import tables, theme, ui

# Column widths in px by the width names of st.column_config (glide's are 75 / 200 / 400).
WIDTHS = {"small": 76, "medium": 150, "large": 280}
MAX_HEIGHT = 620  # px: the header stays on top while the rows scroll

_CLICKS_JS = """
export default function ({ data, setTriggerValue }) {
  const rows = `table.row-table[data-table="${data.table}"] tbody tr[data-row]`;
  const pick = (row) => setTriggerValue("picked", row.dataset.row);
  const onClick = (event) => {
    if (String(window.getSelection())) return;  // selecting text to copy is not a click on the row
    const row = event.target.closest && event.target.closest(rows);
    if (row) pick(row);
  };
  const onKey = (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const row = event.target.closest && event.target.closest(rows);
    if (row) { event.preventDefault(); pick(row); }
  };
  const live = "row-table-live-" + data.table;
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  document.documentElement.classList.add(live);
  return () => {
    document.removeEventListener("click", onClick);
    document.removeEventListener("keydown", onKey);
    document.documentElement.classList.remove(live);
  };
}
"""
_clicks = st.components.v2.component("oversight_row_clicks", js=_CLICKS_JS, isolate_styles=False)

_BASE_CSS = f"""
.row-table-wrap {{max-height: {MAX_HEIGHT}px; overflow: auto; border: 1px solid #e6e6e6; border-radius: 6px;}}
table.row-table {{border-collapse: separate; border-spacing: 0; font-size: 0.875rem; width: max-content;
  min-width: 100%;}}
table.row-table th, table.row-table td {{padding: 0.3rem 0.6rem; border-bottom: 1px solid #eeeeee;
  background: #ffffff; white-space: nowrap; text-align: left; vertical-align: top;}}
table.row-table th {{position: sticky; top: 0; z-index: 2; background: #f7f7f9; font-weight: 600;}}
table.row-table .num {{text-align: right; font-variant-numeric: tabular-nums;}}
"""


def _spec(config: dict[str, Any], name: str) -> dict[str, Any]:
    spec = config.get(name)
    return spec if isinstance(spec, dict) else {"label": spec or name}


def _cell_css(name: str, value: Any) -> str:
    if name == "grade":
        return theme.grade_cell(value)
    if name in ("score", "mean_score"):
        return theme.score_cell(value)
    return theme.tag_cell(value)


def _style(key: str, specs: list[dict[str, Any]]) -> str:
    """Widths, and the pinned columns held at the left as the table scrolls sideways."""
    rules, left = [], 0
    for i, spec in enumerate(specs, start=1):
        cells = f'table.row-table[data-table="{key}"] tr > :nth-child({i})'
        width = WIDTHS.get(spec.get("width") or "")
        if spec.get("pinned") and width:
            rules.append(  # a fixed width (text wraps inside it), so the next pinned column's offset holds
                f"{cells} {{position: sticky; left: {left}px; z-index: 1; width: {width}px; min-width: {width}px;"
                f" max-width: {width}px; box-sizing: border-box; white-space: normal; overflow-wrap: anywhere;}}"
            )
            left += width
        elif spec.get("width") == "large":  # a long name wraps at twice the width instead of widening the table
            rules.append(
                f"{cells} {{min-width: {width}px; max-width: {2 * width}px; white-space: normal; overflow-wrap: anywhere;}}"
            )
        elif width:
            rules.append(f"{cells} {{min-width: {width}px;}}")
    if left:  # the pinned header cells stay above both the header and the pinned body cells
        rules.append(f'table.row-table[data-table="{key}"] th:nth-child(-n+{len(specs)}) {{z-index: 3;}}')
    rows = f'html.row-table-live-{key} table.row-table[data-table="{key}"] tbody tr'
    rules.append(f"{rows} {{cursor: pointer;}} {rows}:hover td {{filter: brightness(0.95);}}")
    rules.append(f"{rows}:focus {{outline: 2px solid {theme.NEUTRAL}; outline-offset: -2px;}}")
    return "\n".join(rules)


def table_html(df: pd.DataFrame, columns: dict[str, Any], key: str, row_key: str) -> str:
    """The table as HTML: `columns` as the column configs label and format them, "—" for gaps, grade
    colours; each row carries its `row_key` value (data-row), the key a click sends back."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise ValueError(f"table key {key!r}: lower-case letters, digits and _ only (it is used in CSS)")
    data, config = tables.readable(df, columns)
    data = ui.translated(data)
    specs = [_spec(config, name) for name in columns]
    head = "".join(
        f'<th scope="col" data-col="{html.escape(name)}"{_numeric(spec, data[name])}{_title(spec)}>'
        f"{html.escape(str(spec.get('label') or name))}</th>"
        for name, spec in zip(columns, specs, strict=True)
    )
    body = []
    for (_, row), ident in zip(data.iterrows(), df[row_key], strict=True):
        cells = "".join(_td(name, row[name], spec) for name, spec in zip(columns, specs, strict=True))
        body.append(f'<tr data-row="{html.escape(str(ident), quote=True)}" tabindex="0">{cells}</tr>')
    return (
        f"<style>{_BASE_CSS}{_style(key, specs)}</style>"
        f'<div class="row-table-wrap"><table class="row-table" data-table="{key}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _td(name: str, value: Any, spec: dict[str, Any]) -> str:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    css = _cell_css(name, value)  # our own CSS (theme colours), never text from a document
    attrs = (' class="num"' if number else "") + (f' style="{css}"' if css else "")
    return f"<td{attrs}>{html.escape(tables.cell_text(value, spec))}</td>"


def _numeric(spec: dict[str, Any], values: pd.Series) -> str:
    """A number column's header sits over its right-aligned numbers."""
    kind = spec.get("type_config", {}).get("type")
    return ' class="num"' if kind == "number" or pd.api.types.is_numeric_dtype(values) else ""


def _title(spec: dict[str, Any]) -> str:
    return f' title="{html.escape(spec["help"], quote=True)}"' if spec.get("help") else ""


def pick_row(df: pd.DataFrame, columns: dict[str, Any], key: str, row_key: str) -> pd.Series | None:
    """Draw the table; the row of `df` clicked in this run (all its columns), if any."""
    st.html(table_html(df, columns, key, row_key))
    picked = _clicks(data={"table": key}, key=f"{key}_clicks", on_picked_change=lambda: None, height=0).picked
    return row_for(df, row_key, picked)


def row_for(df: pd.DataFrame, row_key: str, picked: object) -> pd.Series | None:
    """The row whose `row_key` a click sent (as text); None for no click or a key no longer listed."""
    if picked is None:
        return None
    hit = df[df[row_key].astype(str) == str(picked)]
    return hit.iloc[0] if len(hit) else None
