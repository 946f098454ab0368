"""Shanghai's districts and towns: names in text → current official names.

The town gazetteer is `data/geo/shanghai_towns.csv` (215 街道/镇/乡, NBS 2023; see its PROVENANCE).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from oversight.domain.textnorm import key
from oversight.paths import GEO_DIR

DISTRICTS = (
    "黄浦区",
    "徐汇区",
    "长宁区",
    "静安区",
    "普陀区",
    "虹口区",
    "杨浦区",
    "闵行区",
    "宝山区",
    "嘉定区",
    "浦东新区",
    "金山区",
    "松江区",
    "青浦区",
    "奉贤区",
    "崇明区",
)
# Old names → current (DOMAIN §6.2). 县 forms are the pre-1992 counties.
OLD_DISTRICTS = {
    "闸北区": "静安区",
    "卢湾区": "黄浦区",
    "南汇区": "浦东新区",
    "南汇县": "浦东新区",
    "崇明县": "崇明区",
    "南市区": "黄浦区",
    "川沙县": "浦东新区",
    "嘉定县": "嘉定区",
    "上海县": "闵行区",
    "宝山县": "宝山区",
    "金山县": "金山区",
    "松江县": "松江区",
    "青浦县": "青浦区",
    "奉贤县": "奉贤区",
    "吴淞区": "宝山区",
}
# Short forms used in running text ("构建嘉定应急指挥一张图"); only for majority votes, never alone.
SHORT_DISTRICTS = {name[:-1] if name != "浦东新区" else "浦东": name for name in DISTRICTS}

_ALL_DISTRICT_NAMES = sorted([*DISTRICTS, *OLD_DISTRICTS], key=len, reverse=True)
_DISTRICT_RE = re.compile("|".join(_ALL_DISTRICT_NAMES))
_SHORT_RE = re.compile("|".join(sorted(SHORT_DISTRICTS, key=len, reverse=True)))


@dataclass(frozen=True)
class Town:
    name: str
    district: str
    code: str
    lon: float
    lat: float


@lru_cache(maxsize=1)
def towns() -> dict[str, Town]:
    with (GEO_DIR / "shanghai_towns.csv").open(encoding="utf-8") as f:
        return {
            row["town"]: Town(
                row["town"],
                row["district"],
                row["code"],
                float(row["lon"]),
                float(row["lat"]),
            )
            for row in csv.DictReader(f)
        }


@lru_cache(maxsize=1)
def _town_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(towns(), key=len, reverse=True)))


def current_district(name: str | None) -> str | None:
    """Any district name, old or current, → the current official name."""
    if not name:
        return None
    name = key(name)
    if name in DISTRICTS:
        return name
    if name in OLD_DISTRICTS:
        return OLD_DISTRICTS[name]
    return SHORT_DISTRICTS.get(name.removesuffix("区").removesuffix("县"))


def find_district(text: str | None) -> str | None:
    """The first full district name in the text (old names mapped)."""
    match = _DISTRICT_RE.search(key(text))
    return current_district(match.group(0)) if match else None


def find_town(text: str | None) -> Town | None:
    """The longest gazetteer town whose full name appears in the text."""
    match = _town_re().search(key(text))
    return towns()[match.group(0)] if match else None


def place_of(text: str | None) -> tuple[str | None, str | None]:
    """(district, town) named by a unit or a place line; the district from the town if need be."""
    district = find_district(text)
    town = find_town(text)
    if town and district and town.district != district:
        town = None  # a same-named town elsewhere: trust the district that is written
    return district or (town.district if town else None), town.name if town else None


def district_votes(texts: list[str]) -> Counter[str]:
    """How often each district is named (full or short form) across texts."""
    votes: Counter[str] = Counter()
    for text in texts:
        k = key(text)
        for match in _DISTRICT_RE.finditer(k):
            votes[current_district(match.group(0)) or ""] += 1
        for match in _SHORT_RE.finditer(_DISTRICT_RE.sub("", k)):
            votes[SHORT_DISTRICTS[match.group(0)]] += 1
        for match in _town_re().finditer(k):
            votes[towns()[match.group(0)].district] += 1
    votes.pop("", None)
    return votes
