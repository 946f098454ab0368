"""项目地图: districts coloured by a measure, towns as points; a click on a district drills into it."""

import streamlit as st

from dashboard import filters, mapview, ui

MEASURES = {"projects": "项目数", "amount_wan": "决算金额（万元）", "mean_score": "平均分", "open_items": "未完成整改"}
LAYERS = {"all": "全部", "video": "视频监控", "grid": "网格化/一网统管"}


def choose(key: str, options: dict[str, str], default: str) -> str:
    value = st.query_params.get(key)
    if key not in st.session_state:
        st.session_state[key] = value if value in options else default
    return st.session_state[key]


measure = choose("measure", MEASURES, "projects")
layer = choose("layer", LAYERS, "all")
f = filters.sidebar(keep={"measure": measure, "layer": layer})
st.title("项目地图")
st.caption(f"范围：{f.label()}")
c1, c2 = st.columns(2)
measure = c1.segmented_control("区着色", list(MEASURES), key="measure", format_func=MEASURES.get) or "projects"
layer = c2.segmented_control("图层", list(LAYERS), key="layer", format_func=LAYERS.get) or "all"
filters.write_url(f, {"measure": measure, "layer": layer})
theme = None if layer == "all" else layer
params = {**f.params(), "theme": theme}

by_district = ui.run("district_map", **params).set_index("district")
districts = mapview.districts_frame(by_district, measure, f.district)
points = mapview.towns_frame(ui.run("town_points", **{**params, "district": f.district}))
deck = mapview.deck(districts, points)


def pick() -> None:
    objects = st.session_state["map_chart"].selection.get("objects", {})
    if objects.get("towns"):
        obj = objects["towns"][0]
        filters.set_filters(district=obj["district"], town=obj["town"])
    elif objects.get("districts"):
        name = objects["districts"][0]["name"]
        filters.set_filters(district=None if name == filters.current().district else name, town=None)


left, right = st.columns([3, 2])
with left:
    st.pydeck_chart(deck, on_select=pick, selection_mode="single-object", key="map_chart", height=620)
    st.caption("点击一个区查看该区（再次点击取消）；点按街镇点查看该街镇。点的大小为决算金额，颜色为平均分对应等次。")
    st.caption(mapview.ATTRIBUTION)
with right:
    st.subheader(f"{f.district or '全市'}的项目" + (f"（{LAYERS[layer]}）" if theme else ""))
    projects = ui.run("projects", **params, order="desc", limit=200)
    if not ui.empty(projects):
        columns = {k: ui.PROJECT_COLUMNS[k] for k in ("town", "name", "amount_wan", "score", "grade")}
        if (row := ui.pick_row(projects, columns, "map_projects", height=560)) is not None:
            ui.open_project(row["project_id"])
