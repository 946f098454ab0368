"""The wall's map: framed to the scope (the chosen district, else the city), district names on it.

The view is computed from the district polygons for the map's size on the 16:9 canvas (wider layouts
only add width), so the scope fills the map whatever the data; deck.gl's 512-px world at zoom 0.
"""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from dashboard import mapview

MAP_PX = (820, 700)  # the map's drawn size on the 16:9 canvas (width, height)


def _rings(name: str | None) -> list[list[list[float]]]:
    """The outer rings of a district's polygons (every district's when name is None)."""
    rings = []
    for ft in mapview.district_shapes()["features"]:
        if name is None or ft["properties"]["name"] == name:
            geometry = ft["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            rings += [p[0] for p in polygons]
    return rings


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view(district: str | None, size: tuple[int, int] = MAP_PX) -> pdk.ViewState:
    """A view that shows the whole district (or city) with a small margin."""
    points = [pt for ring in (_rings(district) or _rings(None)) for pt in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    x_span = math.radians(max(lons) - min(lons)) or 1e-6
    y_span = (_mercator_y(max(lats)) - _mercator_y(min(lats))) or 1e-6
    # At zoom z the world is 512·2^z px across 2π radians of longitude (and of Mercator y).
    zoom = min(math.log2(size[0] * 2 * math.pi / (512 * x_span)), math.log2(size[1] * 2 * math.pi / (512 * y_span)))
    centre_y = (_mercator_y(max(lats)) + _mercator_y(min(lats))) / 2
    lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return pdk.ViewState(longitude=(max(lons) + min(lons)) / 2, latitude=lat, zoom=round(zoom - 0.15, 2))


def labels() -> pd.DataFrame:
    """Each district's name at the centre of its largest polygon's box."""
    rows = []
    for ft in mapview.district_shapes()["features"]:
        name = ft["properties"]["name"]
        ring = max(_rings(name), key=len)
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        rows.append({"label": name, "lon": (max(lons) + min(lons)) / 2, "lat": (max(lats) + min(lats)) / 2})
    return pd.DataFrame(rows)


def label_layer(size: int = 22, color: list[int] | None = None, outline: list[int] | None = None) -> pdk.Layer:
    """District names (the wall's light-on-dark by default; 项目地图 passes dark text on a white halo)."""
    names = labels()
    return pdk.Layer(
        "TextLayer",
        names,
        id="district_names",
        get_position=["lon", "lat"],
        get_text="label",
        get_size=size,  # pixels (22 on the wall's 1080 canvas)
        get_color=color or [230, 237, 247, 235],
        # pydeck reads a bare string as a column expression; quoted, it is passed through as text.
        font_family="'Noto Sans CJK SC, sans-serif'",
        # Chinese names: deck.gl's glyph atlas is ASCII unless told the characters.
        character_set="'" + "".join(sorted(set("".join(names["label"])))) + "'",
        outline_width=2,
        outline_color=outline or [7, 13, 26, 255],
    )
