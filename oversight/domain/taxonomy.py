"""Category and themes of a project, by the keyword rules in rules/taxonomy.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from oversight.domain.textnorm import key
from oversight.paths import RULES_DIR

CATEGORY_LABELS = {
    "video": "视频监控/雪亮工程",
    "grid": "网格化/联勤",
    "cityops": "一网统管/城运平台",
    "emergency": "应急管理",
    "ops": "软硬件运维",
    "security": "等保测评/信息安全",
    "survey": "社会评估/第三方测评",
    "data": "数据归集/数据治理",
    "it": "其他信息化建设",
    "other": "其他",
}


@dataclass(frozen=True)
class _Rule:
    code: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None

    def matches(self, text: str) -> bool:
        return bool(self.pattern.search(text)) and not (self.unless and self.unless.search(text))


@lru_cache(maxsize=1)
def _rules() -> tuple[list[_Rule], list[_Rule], _Rule, list[_Rule]]:
    data = tomllib.loads((RULES_DIR / "taxonomy.toml").read_text(encoding="utf-8"))

    def rule(d: dict[str, str]) -> _Rule:
        unless = re.compile(d["unless"]) if d.get("unless") else None
        return _Rule(d["code"], re.compile(d["pattern"]), unless)

    extra = [_Rule(code, re.compile(p)) for code, p in data.get("themes", {}).items()]
    return (
        [rule(d) for d in data["nature"]],
        [rule(d) for d in data["area"]],
        rule(data["it"]),
        extra,
    )


def classify(name: str, text: str = "", unit: str = "") -> tuple[str, list[str]]:
    """(category, themes) for a project from its name, its text and its unit."""
    nature, areas, it, extra = _rules()
    name_k, text_k, unit_k = key(name), key(text), key(unit)
    category = next((r.code for r in nature if r.matches(name_k)), None)
    category = category or next((r.code for r in areas if r.matches(name_k)), None)
    if category is None and it.matches(name_k):
        category = it.code
    category = category or next((r.code for r in areas if r.matches(unit_k)), None) or "other"
    everything = f"{name_k}\n{text_k}\n{unit_k}"
    themes = {r.code for r in areas if r.matches(everything)}
    themes |= {r.code for r in extra if r.matches(name_k)}
    themes.add(category)
    return category, sorted(themes)
