"""The page navigation, drawn as links that carry the filters.

Streamlit's own sidebar navigation drops the query string on a page change and pushes the bare page
onto the browser's history; the page then writes its filters back and pushes a second entry, so Back
landed on the bare page, which wrote the filters again: Back "stayed on the same page". A link with
the filters in its query string is one history entry per page change, and Back leaves the page.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import filters


def _filters_url() -> dict[str, Any]:
    """The filters the next page should open with (before a session has any: those of the URL)."""
    if filters.STATE in st.session_state:
        return filters.current().url()
    return {k: st.query_params.get_all(k) for k in st.query_params if k in filters.FILTER_KEYS}


def draw(pages: list[Any]) -> None:
    """A link per visible page, in the sidebar's first place (where Streamlit draws its own)."""
    query = _filters_url()
    with st.sidebar.container(key="nav"):
        for p in pages:
            if p.visibility != "hidden":
                st.page_link(p, label=p.title, query_params=query)
        st.divider()
