"""The demo corpus: realistic documents for every district, written as txt, docx and xlsx.

Deterministic for a seed. `generate()` returns the documents *and* what each must read back as
(`truth`), so tests can prove ingestion recovers every generated field. Every demo document is
ingested with demo=true; the UI labels such data 示例数据.
"""

from __future__ import annotations

import math
import random
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from oversight import domain, writers
from oversight.numbers import month_end
from oversight.paths import SEEDS_DIR
from oversight.places import DISTRICTS, towns

YEARS = range(2018, 2026)

# (category, name template). {p} is a place (district, town or nothing), {y} the year.
TEMPLATES: list[tuple[str, str]] = [
    ("video", "{p}公共安全视频监控建设联网应用项目"),
    ("video", "{p}雪亮工程视频监控点位扩容"),
    ("video", "{p}视频联网共享平台建设"),
    ("video", "{p}公共区域监控摄像头补点建设"),
    ("grid", "{p}网格化综合管理系统（深化）"),
    ("grid", "{p}大联勤工作站建设"),
    ("grid", "{p}网格化管理平台升级"),
    ("cityops", "{p}“一网统管”城运平台建设"),
    ("cityops", "{p}城市运行管理中心指挥大厅建设"),
    ("emergency", "{p}应急管理信息系统深化"),
    ("emergency", "{p}防汛防台指挥系统建设"),
    ("emergency", "{p}应急值守平台升级"),
    ("ops", "{y}年{p}网格化中心硬件运维项目"),
    ("ops", "{p}城运平台软件运维服务"),
    ("ops", "{p}视频监控设备维保"),
    ("security", "{y}年{p}信息系统安全等级测评"),
    ("security", "{p}网络安全等保测评"),
    ("survey", "{p}社会评估测评"),
    ("survey", "{p}城市管理满意度第三方测评"),
    ("data", "{p}公共数据归集与治理项目"),
    ("it", "{p}电子政务办公系统建设"),
]
# Video and grid projects are the common ones (the map's two layers).
WEIGHTS = [6, 5, 4, 4, 5, 3, 3, 3, 2, 2, 2, 2, 3, 3, 3, 2, 2, 2, 2, 2, 2]

PROBLEMS = [
    "绩效目标申报工作有待进一步完善", "部分功能未能得到有效应用", "预算执行率偏低", "项目验收资料不完整",
    "合同管理不够规范", "绩效指标设置不够细化量化", "资金支付进度滞后于计划", "运维响应时效有待提高",
    "设备在线率未达到合同约定", "测评报告及时性有待提高", "及时沟通性有待加强", "部门间数据共享不畅",
]  # fmt: skip
FIXES = [
    "绩效目标申报的培训", "系统功能的推广应用", "预算编制与支付节点的衔接", "验收资料的归档补齐",
    "合同履约的过程管理", "绩效指标的细化量化", "资金支付计划的执行", "运维响应的考核机制",
    "设备巡检与故障修复", "测评工作的进度管理", "例会与沟通机制", "跨部门数据共享机制",
]  # fmt: skip
SUGGESTIONS = [
    "加强绩效目标申报工作的学习，提高预算绩效管理水平", "进一步完善系统建设，加强功能的有效应用",
    "加强合同履约管理，规范项目验收", "合理安排预算，提高资金使用效益", "需加强日常例会、日常监管等日常管理环节",
]  # fmt: skip
ACHIEVEMENTS = [
    "项目总体组织比较规范，项目目标完成情况总体良好。",
    "系统运行稳定，平台运行良好，确保了各项工作的正常运行。",
    "提升了城市管理精细化水平，群众满意度较高。",
]
FOCUS = ["{y}年区委、区政府及本级政府或本部门重点工作项目", "{y}年度重点民生实事项目", "预算金额较大的项目"]
CONCLUSIONS = {"green": "运行正常", "yellow": "轻度偏差", "red": "严重偏差"}


@dataclass
class DemoDoc:
    filename: str
    kind: str  # evaluation_result | tracking_monitor | self_evaluation
    fmt: str  # txt | docx | xlsx
    write: object  # callable(path) that writes the file
    truth: list[dict] = field(default_factory=list)  # expected lake rows, by name


def _amount(rng: random.Random) -> float:
    """A few 万元 to a few thousand, log-uniform, two decimals."""
    return round(math.exp(rng.uniform(math.log(2), math.log(3000))), 2)


def _score(rng: random.Random) -> tuple[float, str]:
    grade = rng.choices(domain.GRADES, weights=[55, 30, 11, 4])[0]
    low, high = {"优": (90, 99), "良": (80, 89.9), "中": (60, 79.9), "差": (40, 59.9)}[grade]
    score = round(rng.uniform(low, high), rng.choice([0, 1, 2]))
    return score, domain.grade_by_score(score) or grade


def _items(rng: random.Random, year: int, n: int) -> list[dict]:
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


def _numbered(parts: list[str]) -> list[str]:
    return [f"{i}、{p}" for i, p in enumerate(parts, 1)] if len(parts) > 1 else parts


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.by_district: dict[str, list[str]] = {}
        for t in towns().values():
            self.by_district.setdefault(t.district, []).append(t.name)
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
        score, grade = _score(self.rng)
        items = _items(self.rng, year, self.rng.choice([1, 1, 2, 2, 3]))
        return {
            "name": name, "unit": unit, "year": year, "district": district, "town": named_town or town,
            "category": category, "amount_wan": _amount(self.rng), "score": score, "grade": grade,
            "achievements": self.rng.choice(ACHIEVEMENTS), "problems": [it["problem"] for it in items],
            "suggestions": self.rng.choice(SUGGESTIONS), "items": items,
        }  # fmt: skip

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
        return f"上海市{district}{self.rng.choice(['城市运行管理中心', '公安分局', '应急管理局', '大数据中心', '城市网格化综合管理中心', '城市管理行政执法局'])}", None  # fmt: skip


def _eval_fields(p: dict, variant: int, paragraphs: bool) -> list[tuple[str, str | list[str]]]:
    labels = [("评价分值", "存在问题", "整改建议"), ("得分", "主要问题", "改进措施"), ("评价得分", "存在问题", "整改建议")][variant % 3]  # fmt: skip
    grade_row = ("评价结论", f"等次为“{p['grade']}”") if variant % 2 == 0 else ("评价等次", p["grade"])
    return [
        ("项目名称", p["name"]),
        ("决算金额", f"{p['amount_wan']:g} 万元"),
        (labels[0], f"{p['score']:g} 分"),
        grade_row,
        ("主要绩效", p["achievements"]),
        (labels[1], _numbered(p["problems"])),
        (labels[2], p["suggestions"]),
        ("整改情况", _numbered([it["action"] for it in p["items"]])),
    ]


def _truth(p: dict, sep: str) -> dict:
    """What the project must read back as: numbered lists joined as the format renders them."""
    actions = _numbered([it["action"] for it in p["items"]])
    problems = _numbered(p["problems"])
    items = [{**it, "action": a, "problem": pr} for it, a, pr in zip(p["items"], actions, problems, strict=True)]
    return {**p, "problems": sep.join(problems), "items": items}


def generate(seed: int = 2024) -> list[DemoDoc]:
    """The whole corpus, in memory: documents with their writers and truth."""
    g = _Gen(seed)
    rng = g.rng
    docs: list[DemoDoc] = []
    n = 0
    for district in DISTRICTS:
        for year in YEARS:
            # Evaluation results as text or Word, a unit at a time.
            for _ in range(rng.choice([1, 2, 2, 3])):
                unit, town = g.unit(district)
                projects = [g.project(district, unit, town, year) for _ in range(rng.randint(1, 8))]
                fmt = rng.choice(["txt", "txt", "docx"])
                paragraphs = fmt == "txt" and rng.random() < 0.5
                variant = rng.randrange(6)
                header = [unit, f"{year}年度财政支出项目绩效评价结果"]
                fields = [_eval_fields(p, variant, paragraphs) for p in projects]
                n += 1
                name = f"demo_{n:04d}_eval_{year}.{fmt}"
                if fmt == "txt":
                    write = _bind(writers.eval_txt, header, fields, paragraphs=paragraphs)
                    sep = "\n" if paragraphs else "；"
                else:
                    write, sep = _bind(writers.eval_docx, header, fields), "\n"
                docs.append(DemoDoc(name, "evaluation_result", fmt, write, [_truth(p, sep) for p in projects]))
            # A district ledger in Excel every other year.
            if (year + DISTRICTS.index(district)) % 2 == 0:
                docs.append(_ledger(g, district, year, n := n + 1))
            # Tracking forms for the recent years, self-evaluations throughout.
            if year >= 2021:
                for _ in range(rng.choice([4, 5, 6])):
                    docs.append(_tracking(g, district, year, n := n + 1))
            if rng.random() < 0.6:
                docs.append(_selfeval(g, district, year, n := n + 1))
    return docs


def _bind(fn, *args, **kwargs):
    return lambda path: fn(path, *args, **kwargs)


def _ledger(g: _Gen, district: str, year: int, n: int) -> DemoDoc:
    rng = g.rng
    in_yuan = rng.random() < 0.3
    columns = ["序号", "单位", "项目名称", "决算金额（元）" if in_yuan else "决算金额（万元）", "评价分值", "评价等次",
               "存在问题", "整改建议", "整改情况"]  # fmt: skip
    projects = []
    for _ in range(rng.randint(10, 25)):
        unit, town = g.unit(district)
        projects.append(g.project(district, unit, town, year))
    rows = []
    for i, p in enumerate(projects, 1):
        amount = f"{round(p['amount_wan'] * 10000):,}" if in_yuan else p["amount_wan"]
        rows.append([i, p["unit"], p["name"], amount, p["score"], p["grade"], _numbered(p["problems"]),
                     p["suggestions"], _numbered([it["action"] for it in p["items"]])])  # fmt: skip
    title = [f"上海市{district}财政局", f"{year}年度财政支出项目绩效评价结果汇总表"]
    write = _bind(writers.eval_xlsx, title, columns, rows)
    return DemoDoc(f"demo_{n:04d}_ledger_{year}.xlsx", "evaluation_result", "xlsx", write, [_truth(p, "；") for p in projects])  # fmt: skip


def _tracking(g: _Gen, district: str, year: int, n: int) -> DemoDoc:
    rng = g.rng
    town = rng.choice(g.by_district[district])
    unit = f"{town}城市运行管理中心"
    category, template = rng.choices(TEMPLATES, weights=WEIGHTS)[0]
    name = f"{year}年{template.format(p=town, y=year).removeprefix(f'{year}年')}"
    while (district, unit, year, name) in g.names:
        name += "（续）"
    g.names.add((district, unit, year, name))
    initial = _amount(rng)
    down = round(initial * rng.choice([0, 0, 0, 0.1, 0.3, 0.6]), 2)
    up = round(initial * rng.choice([0, 0, 0, 0.05]), 2)
    budget = round(initial - down + up, 2)
    end = rng.choice([date(year, 6, 30), date(year, 8, 31), date(year, 9, 30)])
    pct = round(rng.uniform(20, 100), 2)
    executed = round(budget * pct / 100, 2)
    rate = round(executed / budget, 4) if budget else 0.0
    outlook = rng.choices(writers.OUTLOOKS, weights=[7, 3, 1])[0]
    light, _ = domain.light(rate, end, (outlook, outlook))
    in_yuan = rng.random() < 0.25
    scale = 10000 if in_yuan else 1

    def money(v: float) -> str:
        return f"{round(v * scale, 2):,.2f}" if in_yuan else f"{v:g}"

    form = {
        "name": name, "unit": unit, "implementer": unit, "place": f"上海市{district}{town}人民政府",
        "period": f"{year}年01月01日 --- {end.year}年{end.month:02d}月{end.day:02d}日",
        "recurring": rng.random() < 0.4, "needs_adjustment": rng.random() < 0.15,
        "money_unit": "元" if in_yuan else "万元", "budget": money(budget), "executed": money(executed),
        "rate": f"{rate * 100:.2f}%", "down": money(down), "up": money(up), "pre": money(initial),
        "focus_reason": rng.choice(FOCUS).format(y=year),
        "narrative": ["一、项目基本情况（包括项目背景概况、预算安排、工作内容和计划时间节点）：",
                      f"本项目{year}年初预算安排为{initial:g}万元。",
                      "二、项目具体实施情况（对照阶段性绩效目标的完成情况）：",
                      f"截至跟踪期实际支出{executed:g}万元。"],
        "conclusion": CONCLUSIONS[light or "green"], "budget_outlook": outlook, "goal_outlook": outlook,
    }  # fmt: skip
    truth = {
        "name": name, "unit": unit, "district": district, "town": town, "year": year, "category": category,
        "period_start": date(year, 1, 1), "period_end": end, "budget_initial_wan": initial, "budget_wan": budget,
        "executed_wan": executed, "execution_rate": rate, "adjust_down_wan": down, "adjust_up_wan": up,
        "pre_assessment_wan": initial, "recurring": form["recurring"], "needs_adjustment": form["needs_adjustment"],
        "conclusion": form["conclusion"], "budget_outlook": outlook, "goal_outlook": outlook, "light": light,
    }  # fmt: skip
    fmt = rng.choice(["txt", "txt", "docx"])
    write = _bind(writers.tracking_txt if fmt == "txt" else writers.tracking_docx, form)
    return DemoDoc(f"demo_{n:04d}_tracking_{year}.{fmt}", "tracking_monitor", fmt, write, [truth])


def _selfeval(g: _Gen, district: str, year: int, n: int) -> DemoDoc:
    rng = g.rng
    unit = f"上海市{district}{rng.choice(['城市运行管理中心', '应急管理局', '大数据中心'])}"
    p = g.project(district, unit, None, year)
    budget = p["amount_wan"]
    executed = round(budget * rng.uniform(0.6, 1.0), 2)
    rate = round(executed / budget, 4)
    form = {
        "year": year, "name": p["name"], "department": f"上海市{district}人民政府", "unit": unit,
        "money_unit": "万元", "initial": f"{budget:g}", "budget": f"{budget:g}", "executed": f"{executed:g}",
        "rate": f"{rate * 100:.2f}%", "rate_score": f"{rate * 10:.2f}", "score": f"{p['score']:g}",
        "grade": p["grade"], "problems": p["problems"][0],
    }  # fmt: skip
    truth = {**p, "amount_wan": executed, "budget_wan": budget, "executed_wan": executed, "execution_rate": rate,
             "problems": p["problems"][0], "items": [], "eval_type": "self", "department": form["department"]}  # fmt: skip
    return DemoDoc(f"demo_{n:04d}_selfeval_{year}.docx", "self_evaluation", "docx", _bind(writers.selfeval_docx, form), [truth])  # fmt: skip


def write_corpus(docs: list[DemoDoc], out: Path) -> list[Path]:
    """Write every document into a fresh folder; returns their paths."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    paths = []
    for doc in docs:
        path = out / doc.filename
        doc.write(path)
        paths.append(path)
    return paths


def seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


def build_demo_lake(lake, *, seed: int = 2024, out: Path | None = None, console=None):
    """Write the demo corpus and ingest it, with the two seeds, into the lake."""
    from oversight.cli import ingest_with_progress
    from oversight.pipeline import run

    out = out or lake.root.parent / "demo_docs"
    docs = generate(seed)
    paths = write_corpus(docs, out)
    demo_set = set(paths)
    files = [*seed_paths(), *paths]
    if console is not None:
        console.print(f"示例文档 {len(paths)} 份已写入 {out}")
        return ingest_with_progress(files, lake, console, demo=lambda p: p in demo_set)
    return run(files, lake, demo=lambda p: p in demo_set)
