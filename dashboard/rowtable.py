"""A ranking drawn as an HTML table whose rows open something (a project, a unit).

Why not st.dataframe: its canvas grid held the browser's main thread for 0.3–0.5 s on every new
page, so /ranking drew its table after a plain pandas app did (README, "First paint"). An HTML table
is drawn with the rest of the page, and it is text: long names wrap instead of being cut, Ctrl+F
finds a unit, a screen reader reads the cells, and it prints. What the grid had and this has not:
sorting by a header (名次 and 从低到高 order the list), column resizing, the grid's own search and
CSV button (the page's export and Ctrl+F remain), and opening a row in a new tab (a new tab is a
new session: it would ask to sign in again).

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

# Column widths in px by the width names of st.column_config. Narrower than the grid's 75/200/400:
# text here wraps instead of being cut, so a column needs room for a short value only.
WIDTHS = {"small": 76, "medium": 150, "large": 280}
MAX_HEIGHT = 620  # px: the header stays on top while the rows scroll

# One pair of listeners per table, kept on window: should Streamlit run this again without calling
# the cleanup (it replaces the stored one), the old pair is removed first, so a click sends once.
_CLICKS_JS = """
export default function ({ data, setTriggerValue }) {
  const rows = `table.row-table[data-table="${data.table}"] tbody tr[data-row]`;
  const live = "row-table-live-" + data.table;
  const tables = (window.__rowTables = window.__rowTables || {});
  const drop = () => {
    const old = tables[data.table];
    if (!old) return;
    document.removeEventListener("click", old.onClick);
    document.removeEventListener("keydown", old.onKey);
    document.documentElement.classList.remove(live);
    delete tables[data.table];
  };
  const onClick = (event) => {
    if (String(window.getSelection())) return;  // selecting text to copy is not a click on the row
    const row = event.target.closest && event.target.closest(rows);
    if (row) setTriggerValue("picked", row.dataset.row);
  };
  const onKey = (event) => {
    if ((event.key !== "Enter" && event.key !== " ") || event.repeat) return;  // a held key: once
    const row = event.target.closest && event.target.closest(rows);
    if (row) { event.preventDefault(); setTriggerValue("picked", row.dataset.row); }
  };
  drop();
  tables[data.table] = { onClick, onKey };
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  document.documentElement.classList.add(live);
  return drop;
}
"""
_clicks = st.components.v2.component("oversight_row_clicks", js=_CLICKS_JS, isolate_styles=False)

_BASE_CSS = f"""
.row-table-wrap {{max-height: {MAX_HEIGHT}px; overflow: auto; border: 1px solid {theme.TABLE_RULE};
  border-radius: 6px;}}
table.row-table {{border-collapse: separate; border-spacing: 0; font-size: 0.875rem; width: max-content;
  min-width: 100%;}}
table.row-table th, table.row-table td {{padding: 0.3rem 0.6rem; border-bottom: 1px solid {theme.TABLE_RULE};
  background: {theme.TABLE_FILL}; white-space: nowrap; text-align: left; vertical-align: top;}}
table.row-table th {{position: sticky; top: 0; z-index: 2; background: {theme.TABLE_HEAD}; font-weight: 600;}}
table.row-table .num {{text-align: right; font-variant-numeric: tabular-nums;}}
table.row-table .wrap {{white-space: normal; overflow-wrap: anywhere; max-width: {2 * WIDTHS["large"]}px;}}
"""


def _spec(config: dict[str, Any], name: str) -> dict[str, Any]:
    spec = config.get(name)
    return spec if isinstance(spec, dict) else {"label": spec or name}


def _style(key: str, specs: list[dict[str, Any]]) -> str:
    """Widths, and the pinned columns held at the left as the table scrolls sideways."""
    rules, left, pinned = [], 0, 0
    for i, spec in enumerate(specs, start=1):
        cells = f'table.row-table[data-table="{key}"] tr > :nth-child({i})'
        width = WIDTHS.get(spec.get("width") or "")
        if spec.get("pinned") and width:
            rules.append(  # a fixed width (text wraps inside it), so the next pinned column's offset holds
                f"{cells} {{position: sticky; left: {left}px; z-index: 1; width: {width}px; min-width: {width}px;"
                f" max-width: {width}px; box-sizing: border-box; white-space: normal; overflow-wrap: anywhere;}}"
            )
            left, pinned = left + width, pinned + 1
        elif width:
            rules.append(f"{cells} {{min-width: {width}px;}}")
    if pinned:  # the pinned header cells stay above the other header cells and the pinned body cells
        rules.append(f'table.row-table[data-table="{key}"] th:nth-child(-n+{pinned}) {{z-index: 3;}}')
    rows = f'html.row-table-live-{key} table.row-table[data-table="{key}"] tbody tr'
    rules.append(f"{rows} {{cursor: pointer;}} {rows}:hover td {{filter: brightness(0.95);}}")
    rules.append(f"{rows}:focus {{outline: 2px solid {theme.NEUTRAL}; outline-offset: -2px;}}")
    return "\n".join(rules)


def _td(name: str, raw: Any, shown: Any, spec: dict[str, Any]) -> str:
    """One cell: the text as the column formats it; alignment and colour from the value itself, so a
    number column with a gap (drawn as text, "—") still aligns and keeps its grade tint."""
    number = isinstance(raw, int | float) and not isinstance(raw, bool)
    css = theme.cell_css(name, raw if name in theme.SCORE_COLUMNS else shown)  # theme colours only
    text = html.escape(tables.cell_text(shown, spec))
    if spec.get("width") == "large" and not spec.get("pinned"):  # a cell ignores max-width; a div does not
        text = f'<div class="wrap">{text}</div>'
    attrs = (' class="num"' if number else "") + (f' style="{css}"' if css else "")
    return f"<td{attrs}>{text}</td>"


def _numeric(spec: dict[str, Any], values: pd.Series) -> str:
    """A number column's header sits over its right-aligned numbers."""
    kind = spec.get("type_config", {}).get("type")
    return ' class="num"' if kind == "number" or pd.api.types.is_numeric_dtype(values) else ""


def _title(spec: dict[str, Any]) -> str:
    return f' title="{html.escape(spec["help"], quote=True)}"' if spec.get("help") else ""


def row_keys(df: pd.DataFrame, row_key: str) -> pd.Series:
    """Each row's key as text: what a row carries (data-row) and what a click is matched against."""
    return df[row_key].map(str)


def table_html(df: pd.DataFrame, columns: dict[str, Any], key: str, row_key: str) -> str:
    """The table as HTML: `columns` as the column configs label and format them, "—" for gaps, grade
    colours; each row carries its `row_key` value (data-row), the key a click sends back."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise ValueError(f"table key {key!r}: lower-case letters, digits and _ only (it is used in CSS)")
    data, config = tables.readable(df, columns)
    data = ui.translated(data)
    specs = [_spec(config, name) for name in columns]
    head = "".join(
        f'<th scope="col" data-col="{html.escape(name)}"{_numeric(spec, df[name])}{_title(spec)}>'
        f"{html.escape(str(spec.get('label') or name))}</th>"
        for name, spec in zip(columns, specs, strict=True)
    )
    # Column by column, not iterrows: a row of numbers only would come back as floats (1 → "1.00").
    raw, shown = df[list(columns)].to_dict("list"), data.to_dict("list")
    body = []
    for i, ident in enumerate(row_keys(df, row_key)):
        cells = "".join(
            _td(name, raw[name][i], shown[name][i], spec) for name, spec in zip(columns, specs, strict=True)
        )
        body.append(f'<tr data-row="{html.escape(ident, quote=True)}" tabindex="0">{cells}</tr>')
    return (
        f"<style>{_BASE_CSS}{_style(key, specs)}</style>"
        f'<div class="row-table-wrap"><table class="row-table" data-table="{key}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def draw(df: pd.DataFrame, columns: dict[str, Any], key: str, row_key: str) -> pd.Series | None:
    """Draw the table; the row of `df` clicked in this run (all its columns), if any."""
    st.html(table_html(df, columns, key, row_key))
    # The click is read from the return value; a callback is what makes a trigger rerun the page.
    # height=0: the component draws nothing, its script only listens.
    clicks = _clicks(data={"table": key}, key=f"{key}_clicks", on_picked_change=lambda: None, height=0)
    return row_for(df, row_key, clicks.picked)


def row_for(df: pd.DataFrame, row_key: str, picked: object) -> pd.Series | None:
    """The first row whose key a click sent; None for no click or a key no longer listed. (A unit can
    have a row per district: the first is enough, as narrowing uses the unit's name only.)"""
    if picked is None:
        return None
    hit = df[row_keys(df, row_key) == str(picked)]
    return hit.iloc[0] if len(hit) else None
