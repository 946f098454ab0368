"""The sidebar filters shared by every page: one state, mirrored in the URL.

Streamlit forgets a widget's value when a page that does not draw it runs, so the truth lives in
`st.session_state[STATE]` and is copied into the widgets each run. The URL is written from it on
every page, so a link reproduces the view. Values from a URL are checked against what the lake
holds; unknown ones are dropped with a notice, never passed on.

Back and Forward: Streamlit 1.67 pushes a browser history entry whenever `st.query_params` changes
(replacing it only while it replays a history step), and on Back it reruns the page with the older
query string. So a URL whose filters differ from the ones this session last wrote is a step in the
history (or a followed link): the filters are read from it again. A URL with no filters at all is a
page change from the navigation, which keeps the session's filters.

The sidebar offers only values with data under the other filters, with their counts
(queries/filter_counts.sql); a chosen value is always offered, even when its count fell to 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import streamlit as st

from dashboard import ui
from oversight.domain.clock import today
from oversight.domain.places import DISTRICTS, current_district
from oversight.domain.standards import GRADES
from oversight.domain.taxonomy import CATEGORY_LABELS

STATE = "_filters"
NOTICE = "_filters_dropped"
WRITTEN = "_filters_url"  # the filter part of the URL this session last wrote or read
RESEND = "_filters_resend"
ALL_YEARS = "all"
MAX_VALUE = 100  # longer URL values are never real names
# `theme=video` (the big screen's wording) is the same filter as `category=video`.
ALIASES = {"theme": "category", "years": "year"}
FILTER_KEYS = ("year", "years", "district", "town", "unit", "category", "theme", "grade")


@dataclass(frozen=True)
class Filters:
    years: tuple[int, ...] = ()
    district: str | None = None
    town: str | None = None
    unit: str | None = None
    category: str | None = None
    grade: str | None = None

    def params(self) -> dict[str, Any]:
        """Query parameters: every named query binds the ones it uses."""
        return {
            "years": list(self.years) or None,
            "district": self.district,
            "town": self.town,
            "unit": self.unit,
            "category": self.category,
            "grade": self.grade,
            "today": today(),
        }

    def url(self) -> dict[str, str | list[str]]:
        out: dict[str, str | list[str]] = {}
        # "all" is explicit so that a copied link to 全部年度 is not read as "no choice" (the overview's
        # no-choice default is the latest year).
        out["year"] = [str(y) for y in self.years] or ALL_YEARS
        for k in ("district", "town", "unit", "category", "grade"):
            if (v := getattr(self, k)) is not None:
                out[k] = v
        return out

    def label(self) -> str:
        """A short Chinese description of the scope, e.g. 嘉定区 · 2018年度 (Markdown-safe: towns and units are source text)."""
        parts = [self.district or "全市", self.town, self.unit]
        if self.years:
            parts.append("、".join(f"{y}" for y in sorted(self.years)) + "年度")
        if self.category:
            parts.append(CATEGORY_LABELS.get(self.category, self.category))
        if self.grade:
            parts.append(f"等次{self.grade}")
        return ui.md_text(" · ".join(p for p in parts if p))


@dataclass
class Allowed:
    years: list[int] = field(default_factory=list)
    towns: dict[str, str | None] = field(default_factory=dict)  # town → district
    units: dict[str, str | None] = field(default_factory=dict)  # unit → district


def allowed() -> Allowed:
    values = ui.run("filter_values")
    a = Allowed()
    for kind, value, parent in values.itertuples(index=False):
        if kind == "year":
            a.years.append(int(value))
        elif kind == "town":
            a.towns[value] = parent
        elif kind == "unit":
            a.units[value] = parent
    a.years = sorted(set(a.years), reverse=True)
    return a


def from_url(query: dict[str, list[str]], ok: Allowed) -> tuple[Filters, list[str]]:
    """Filters from URL parameters (every value a list), and the values that were dropped."""
    dropped: list[str] = []
    got: dict[str, Any] = {}
    for raw_key, values in query.items():
        k = ALIASES.get(raw_key, raw_key)
        for v in values:
            v = str(v).strip()
            if not v:
                continue
            if len(v) > MAX_VALUE:
                dropped.append(f"{raw_key}=（过长的值）")
                continue
            if k == "year" and v == ALL_YEARS:
                got.setdefault("years", [])
            elif k == "year":
                years = [y.strip() for y in v.split(",")]
                known = {str(y) for y in ok.years}  # compared as text: int('²') raises though '²'.isdigit()
                got.setdefault("years", []).extend(int(y) for y in years if y in known)
                dropped += [f"year={y}" for y in years if y not in known]
            elif k == "district" and (d := current_district(v)) in DISTRICTS:
                got["district"] = d
            elif (
                (k == "town" and v in ok.towns)
                or (k == "unit" and v in ok.units)
                or (k == "category" and v in CATEGORY_LABELS)
                or (k == "grade" and v in GRADES)
            ):
                got[k] = v
            elif k in ("district", "town", "unit", "category", "grade"):
                dropped.append(f"{raw_key}={v}")
    if "years" in got:
        got["years"] = tuple(sorted(set(got["years"])))
    f = Filters(**got)
    # A town or unit outside the chosen district contradicts it: keep the district.
    if f.district and f.town and ok.towns.get(f.town) != f.district:
        dropped.append(f"town={f.town}")
        f = replace(f, town=None)
    if f.district and f.unit and ok.units.get(f.unit) not in (f.district, None):
        dropped.append(f"unit={f.unit}")
        f = replace(f, unit=None)
    return f, dropped


def latest_year() -> tuple[int, ...]:
    """The latest year with evaluations in the user's scope (none when the lake has none)."""
    years = ui.run("score_by_year", years=None, district=None, town=None, unit=None, category=None, grade=None)
    return (int(years["year"].max()),) if not years.empty else ()


def current(latest: bool = False) -> Filters:
    """The filters: from the URL at a session's start, then as changed; held to the user's scope.

    `latest`: a session that starts here without a year in its URL sees the latest year (the
    overview: a leader's first question is about this year, not a mix of finished ones)."""
    query = {k: st.query_params.get_all(k) for k in st.query_params}
    in_url = _filter_part(query)
    if STATE not in st.session_state:
        f, st.session_state[NOTICE] = from_url(query, allowed())
        if latest and not any(k in query for k in ("year", "years")):
            f = replace(f, years=latest_year())
        st.session_state[STATE], st.session_state[WRITTEN] = f, in_url
    elif in_url and in_url != st.session_state.get(WRITTEN):  # Back, Forward, or a followed link
        st.session_state[STATE], st.session_state[NOTICE] = from_url(query, allowed())
        # A link to this same page reaches the server but not the address bar: write it there.
        st.session_state[WRITTEN], st.session_state[RESEND] = in_url, True
    f = st.session_state[STATE]
    user = ui.user()
    if user and user.district:  # the view of a scoped user is their scope (queries enforce it anyway)
        town = user.town or (f.town if allowed().towns.get(f.town) == user.district else None)
        pinned = replace(f, district=user.district, town=town)
        if pinned != f:
            if f.district not in (None, user.district):
                st.session_state.setdefault(NOTICE, []).append(f"district={f.district}（超出您的权限范围）")
            f = st.session_state[STATE] = pinned
    return f


def _filter_part(query: dict[str, Any]) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in query.items() if k in FILTER_KEYS}


def set_filters(**changes: Any) -> None:
    """Narrow (or widen) the view; used by clicks on charts, maps and tables."""
    st.session_state[STATE] = replace(current(), **changes)


def reset() -> None:
    st.session_state[STATE] = Filters()


_WIDGETS = {
    "years": "w_years",
    "district": "w_district",
    "town": "w_town",
    "unit": "w_unit",
    "category": "w_category",
    "grade": "w_grade",
}


def _from_widgets() -> None:
    values = {k: st.session_state.get(w) for k, w in _WIDGETS.items()}
    values["years"] = tuple(sorted(values["years"] or ()))
    f, old, ok = Filters(**values), current(), allowed()
    if f.town and not f.district:  # a town picked alone brings its district
        f = replace(f, district=ok.towns.get(f.town))
    if f.district and f.district != old.district:  # a new district drops towns and units outside it
        if f.town and ok.towns.get(f.town) != f.district:
            f = replace(f, town=None)
        if f.unit and ok.units.get(f.unit) not in (f.district, None):
            f = replace(f, unit=None)
    st.session_state[STATE] = f


def offered(f: Filters) -> dict[str, dict[Any, int]]:
    """Per filter, the values with data under the other filters and their project counts."""
    out: dict[str, dict[Any, int]] = {k: {} for k in ("year", "district", "town", "unit", "category", "grade")}
    for kind, value, n in ui.run("filter_counts", **f.params()).itertuples(index=False):
        out[kind][int(value) if kind == "year" else value] = int(n)
    return out


def _keep(values: list, counts: dict[Any, int], chosen: Any) -> list:
    """The values with data, and the chosen one(s) whatever their count (a widget must hold its value)."""
    chosen = set(chosen) if isinstance(chosen, tuple) else {chosen}
    return [v for v in values if counts.get(v) or v in chosen]


def sidebar(keep: dict[str, str] | None = None, latest: bool = False) -> Filters:
    """Draw the shared filters and write the URL; `keep` adds the page's own URL parameters."""
    f = current(latest)
    ok = allowed()
    n = offered(f)
    user = ui.user()
    districts = (
        [user.district] if user and user.district else [None, *_keep(list(DISTRICTS), n["district"], f.district)]
    )
    for k, w in _WIDGETS.items():  # re-seed the widgets from the state (they forget across pages)
        st.session_state[w] = list(f.years) if k == "years" else getattr(f, k)
    towns = _keep(sorted(t for t, d in ok.towns.items() if f.district in (None, d)), n["town"], f.town)
    units = _keep(sorted(u for u, d in ok.units.items() if f.district in (None, d) and u), n["unit"], f.unit)
    with st.sidebar:
        st.markdown(
            "**筛选**", help="括号内是在其他筛选条件下有数据的项目数（评价项目与跟踪项目）；没有数据的选项不列出。"
        )
        st.multiselect(
            "年度",
            _keep(ok.years, n["year"], f.years),
            key="w_years",
            on_change=_from_widgets,
            placeholder="全部年度",
            format_func=lambda y: f"{y}年度 ({n['year'].get(y, 0):,})",
        )
        choices = {
            "w_district": ("区", districts, "全部区", str, "district"),
            "w_town": ("街镇", [None, *towns], "全部街镇", str, "town"),
            "w_unit": ("单位", [None, *units], "全部单位", str, "unit"),
            "w_category": (
                "类别/主题",
                [None, *_keep(list(CATEGORY_LABELS), n["category"], f.category)],
                "全部类别",
                CATEGORY_LABELS.get,
                "category",
            ),
            "w_grade": ("等次", [None, *_keep(list(GRADES), n["grade"], f.grade)], "全部等次", str, "grade"),
        }
        for key, (label, options, everything, name, kind) in choices.items():
            st.selectbox(
                label,
                options,
                key=key,
                on_change=_from_widgets,
                placeholder=everything,
                format_func=lambda v, name=name, everything=everything, c=n[kind]: (
                    everything if v is None else f"{name(v)} ({c.get(v, 0):,})"
                ),
            )
        st.button("重置", on_click=reset, width="stretch", disabled=f == Filters())
        dropped = st.session_state.get(NOTICE)
        if dropped:
            st.caption("已忽略链接中无法识别的筛选条件：" + ui.md_text("、".join(dropped[:5])))
    write_url(f, keep)
    return f


def write_url(f: Filters, keep: dict[str, str] | None = None) -> None:
    want: dict[str, str | list[str]] = {**f.url(), **{k: v for k, v in (keep or {}).items() if v is not None}}
    have = {k: st.query_params.get_all(k) for k in st.query_params}
    norm = {k: v if isinstance(v, list) else [v] for k, v in want.items()}
    if have != norm or st.session_state.pop(RESEND, False):
        st.query_params.from_dict(want)  # a new history entry: Back undoes this change
    st.session_state[WRITTEN] = _filter_part(norm)
