"""Breadcrumbs: 全市 › 嘉定区 › 马陆镇 › 单位 › 项目, each step a link that widens the view to it.

The links carry the filters in their query string (the same page, or `target`), so following one is a
step in the browser's history like any filter change (see filters.py) and Back returns.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from dashboard import ui
from dashboard.filters import Filters
from oversight.paths import ROOT


def _page(path: str) -> str:
    """A page's file relative to app.py (st.page_link's form); pages pass their __file__."""
    p = Path(path)
    return str(p.relative_to(ROOT)) if p.is_absolute() else path


def steps(f: Filters, project: str | None = None) -> list[tuple[str, Filters | None]]:
    """(label, the filters its link opens) from the city down; the last step is where we are (no link)."""
    out: list[tuple[str, Filters | None]] = [("全市", replace(f, district=None, town=None, unit=None))]
    if f.district:
        out.append((f.district, replace(f, town=None, unit=None)))
    if f.town:
        out.append((f.town, replace(f, unit=None)))
    if f.unit:
        out.append((f.unit, f))
    if project:
        out.append((project, None))
    label, _ = out[-1]
    out[-1] = (label, None)
    return out


def breadcrumbs(
    f: Filters, page: str, project: str | None = None, extra: dict[str, str] | None = None, caption: bool = True
) -> None:
    """The scope as links to `page` (source text as text), then the whole scope as a caption."""
    with st.container(horizontal=True, gap="small", key="crumbs"):
        trail = steps(f, project)
        for i, (label, target) in enumerate(trail):
            if i:
                st.markdown("›")
            if target is None:
                st.markdown(f"**{ui.md_text(label)}**")
            else:
                st.page_link(_page(page), label=ui.md_text(label), query_params={**target.url(), **(extra or {})})
    if caption:
        st.caption(f"范围：{f.label()}")
