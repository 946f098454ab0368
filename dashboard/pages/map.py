"""项目地图: districts coloured by a measure, towns as points; a click on a district drills into it.

The chosen district lives in the shared filters (session state, mirrored in the URL), never in the
chart. The chart's key names the view it was drawn for, so every redraw (another 区着色, layer or
filter) is a new chart with no selection of its own: a selection the old chart replays cannot reach
the filters, and a click is handled only when it came from the view on screen.
"""

import hashlib
from functools import partial

import pydeck as pdk
import streamlit as st

from dashboard import crumbs, filters, mapview, theme, ui
from dashboard.wall import mapframe

MEASURES = {"projects": "项目数", "amount_wan": "决算金额（万元）", "mean_score": "平均分", "open_items": "未完成整改"}
LAYERS = {"all": "全部", "video": "视频监控", "grid": "网格化/一网统管"}
MAP_PX = (600, 620)  # the map column on a 1440-px screen, for framing a district


def choose(key: str, options: dict[str, str], default: str) -> str:
    value = st.query_params.get(key)
    if key not in st.session_state or st.session_state[key] is None:
        st.session_state[key] = value if value in options else default
    return st.session_state[key]


def view_token() -> str:
    """What the map on screen shows: the filters, the colouring and the layer."""
    shown = (filters.current(), st.session_state.get("measure"), st.session_state.get("layer"))
    return hashlib.sha1(repr(shown).encode()).hexdigest()[:12]


def pick(key: str, drawn_for: str) -> None:
    """A click on the map; ignored unless it came from the chart of the view on screen."""
    if drawn_for != view_token():
        return
    objects = st.session_state[key].selection.get("objects", {})
    if objects.get("towns"):
        obj = objects["towns"][0]
        filters.set_filters(district=obj["district"], town=obj["town"], unit=None)
    elif objects.get("districts"):
        name = objects["districts"][0]["name"]
        filters.set_filters(district=None if name == filters.current().district else name, town=None, unit=None)


measure = choose("measure", MEASURES, "projects")
layer = choose("layer", LAYERS, "all")
f = filters.sidebar(keep={"measure": measure, "layer": layer})
st.title("项目地图")
crumbs.breadcrumbs(f, __file__, extra={"measure": measure, "layer": layer})
c1, c2 = st.columns(2)
measure = c1.segmented_control("区着色", list(MEASURES), key="measure", format_func=MEASURES.get) or "projects"
layer = c2.segmented_control("图层", list(LAYERS), key="layer", format_func=LAYERS.get) or "all"
filters.write_url(f, {"measure": measure, "layer": layer})
theme_code = None if layer == "all" else layer
params = {**f.params(), "theme": theme_code}

by_district = ui.run("district_map", **params).set_index("district")
districts = mapview.districts_frame(by_district, measure, f.district)
points = mapview.towns_frame(ui.run("town_points", **{**params, "district": f.district}))
view = mapframe.view(f.district, MAP_PX) if f.district else pdk.ViewState(**mapview.CITY_VIEW)
names = mapframe.label_layer(13, [*theme.rgb(theme.MAP_LABEL), 255], [*theme.rgb(theme.MAP_HALO), 255])
deck = mapview.deck(districts, points, view=view, extra=(names,))

left, right = st.columns([3, 2])
with left:
    token = view_token()
    key = f"map_{token}"
    st.pydeck_chart(
        deck, on_select=partial(pick, key, token), selection_mode="single-object", key=key, height=MAP_PX[1]
    )
    values = by_district[measure].dropna() if measure in by_district else by_district.index[:0]
    low, high = (float(values.min()), float(values.max())) if len(values) else (None, None)
    st.html(mapview.legend_html(MEASURES[measure], low, high, view.zoom))
    st.caption(
        "点击一个区查看该区并放大（再次点击或点“全市”返回）；点击街镇点查看该街镇。"
        + ("" if f.district else "各区名称标在区内。")
    )
    st.caption(mapview.ATTRIBUTION)
with right:
    st.subheader(ui.md_text(f"{f.district or '全市'}的项目") + (f"（{LAYERS[layer]}）" if theme_code else ""))
    projects = ui.run("projects", **params, order="desc", limit=200)
    if not ui.empty(projects):
        columns = {k: ui.PROJECT_COLUMNS[k] for k in ("score", "grade", "amount_wan", "name", "town", "unit")}
        columns["score"] = st.column_config.NumberColumn("评价分值", format="%.2f", pinned=True, width="small")
        columns["grade"] = st.column_config.TextColumn("等次", pinned=True, width="small")
        if (row := ui.pick_row(projects, columns, "map_projects", height=560)) is not None:
            ui.open_project(row["project_id"])
        st.caption("按评价分值由高到低，最多 200 个；点击一行查看项目详情。")
