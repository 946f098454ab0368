"""Demo projects: a seeded generator of units, projects and 整改 items, and what each must read back as."""

from __future__ import annotations

import calendar
import math
import random
from dataclasses import dataclass, field
from datetime import date

from oversight.devtools.demo_words import (
    ACHIEVEMENTS,
    FIXES,
    GRADES,
    PROBLEMS,
    SUGGESTIONS,
    TEMPLATES,
    WEIGHTS,
    gazetteer,
)


@dataclass
class DemoDoc:
    filename: str
    kind: str  # evaluation_result | tracking_monitor | self_evaluation
    fmt: str  # txt | docx | xlsx
    write: object  # callable(path) that writes the file
    truth: list[dict] = field(default_factory=list)  # expected lake rows, by name


def amount(rng: random.Random) -> float:
    """A few 万元 to a few thousand, log-uniform, two decimals."""
    return round(math.exp(rng.uniform(math.log(2), math.log(3000))), 2)


# Each grade's scores, [low, high): the bands of 财预〔2020〕10号 written out here, not imported.
BANDS = {"优": (90, 99), "良": (80, 90), "中": (60, 80), "差": (40, 60)}


def score_for(rng: random.Random) -> tuple[float, str]:
    """A grade, then a score inside its band: rounded *down* to 0–2 decimals, so 89.996 never becomes 90."""
    grade = rng.choices(GRADES, weights=[55, 30, 11, 4])[0]
    low, high = BANDS[grade]
    drawn = rng.uniform(low, high)
    scale = 10 ** rng.choice([0, 1, 2])
    score = min(math.floor(drawn * scale), high * scale - 1) / scale
    return score, grade


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def items_for(rng: random.Random, year: int, n: int) -> list[dict]:
    """整改 items in the seeds' phrasing: done, promised with a deadline (some overdue), ongoing."""
    age = 2026 - year
    weights = {"done": 2 + age, "planned": 3, "in_progress": 2, "not_started": 1}
    out = []
    for i in rng.sample(range(len(PROBLEMS)), n):
        status = rng.choices(list(weights), weights=list(weights.values()))[0]
        fix = FIXES[i]
        due = None
        if status == "done":
            action = rng.choice([f"已完成{fix}", f"{fix}已整改到位", f"顺利完成了{fix}"])
        elif status == "planned":
            due_year, month = year + 1, rng.randint(3, 12)
            due = month_end(due_year, month)
            action = rng.choice(
                [f"将于{due_year}年{month}月底前完成{fix}", f"计划于{due_year}年{month}月底前做好{fix}"]
            )
        elif status == "in_progress":
            action = rng.choice([f"正在推进{fix}，每月通报进度", f"持续加强{fix}"])
        else:
            action = f"因资金未到位，尚未开展{fix}"
        out.append({"problem": PROBLEMS[i], "action": action, "status": status, "due_date": due})
    return out


def numbered(parts: list[str]) -> list[str]:
    return [f"{i}、{p}" for i, p in enumerate(parts, 1)] if len(parts) > 1 else parts


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.by_district: dict[str, list[str]] = {}
        for town, district in gazetteer():
            self.by_district.setdefault(district, []).append(town)
        self.names: set[tuple] = set()

    def place(self, district: str, town: str | None) -> tuple[str, str | None]:
        """A place prefix for a name, and the town it names (if any)."""
        r = self.rng.random()
        if town:
            return town, town
        if r < 0.35:
            t = self.rng.choice(self.by_district[district])
            return t, t
        return (district, None) if r < 0.8 else ("", None)

    def project(self, district: str, unit: str, town: str | None, year: int) -> dict:
        for _ in range(50):
            i = self.rng.choices(range(len(TEMPLATES)), weights=WEIGHTS)[0]
            category, template = TEMPLATES[i]
            prefix, named_town = self.place(district, town)
            name = template.format(p=prefix, y=year)
            if (district, unit, year, name) not in self.names:
                break
            name = f"{name}（{self.rng.choice(['一', '二', '三', '四', '五'])}期）"
            if (district, unit, year, name) not in self.names:
                break
        self.names.add((district, unit, year, name))
        score, grade = score_for(self.rng)
        items = items_for(self.rng, year, self.rng.choice([1, 1, 2, 2, 3]))
        return {
            "name": name,
            "unit": unit,
            "year": year,
            "district": district,
            "town": named_town or town,
            "category": category,
            "amount_wan": amount(self.rng),
            "score": score,
            "grade": grade,
            "achievements": self.rng.choice(ACHIEVEMENTS),
            "problems": [it["problem"] for it in items],
            "suggestions": self.rng.choice(SUGGESTIONS),
            "items": items,
        }

    def unit(self, district: str) -> tuple[str, str | None]:
        """A publishing unit and the town it belongs to."""
        if self.rng.random() < 0.45:
            town = self.rng.choice(self.by_district[district])
            kind = (
                "城市运行管理中心"
                if self.rng.random() < 0.6
                else ("人民政府" if town.endswith(("镇", "乡")) else "办事处")
            )
            return f"{town}{kind}", town
        return (
            f"上海市{district}{self.rng.choice(['城市运行管理中心', '公安分局', '应急管理局', '大数据中心', '城市网格化综合管理中心', '城市管理行政执法局'])}",
            None,
        )


def eval_fields(p: dict, variant: int, paragraphs: bool) -> list[tuple[str, str | list[str]]]:
    labels = [
        ("评价分值", "存在问题", "整改建议"),
        ("得分", "主要问题", "改进措施"),
        ("评价得分", "存在问题", "整改建议"),
    ][variant % 3]
    grade_row = ("评价结论", f"等次为“{p['grade']}”") if variant % 2 == 0 else ("评价等次", p["grade"])
    return [
        ("项目名称", p["name"]),
        ("决算金额", f"{p['amount_wan']:g} 万元"),
        (labels[0], f"{p['score']:g} 分"),
        grade_row,
        ("主要绩效", p["achievements"]),
        (labels[1], numbered(p["problems"])),
        (labels[2], p["suggestions"]),
        ("整改情况", numbered([it["action"] for it in p["items"]])),
    ]


def truth(p: dict, sep: str) -> dict:
    """What the project must read back as: numbered lists joined as the format renders them."""
    actions = numbered([it["action"] for it in p["items"]])
    problems = numbered(p["problems"])
    items = [{**it, "action": a, "problem": pr} for it, a, pr in zip(p["items"], actions, problems, strict=True)]
    return {**p, "problems": sep.join(problems), "items": items}


def bind(fn, *args, **kwargs):
    return lambda path: fn(path, *args, **kwargs)
