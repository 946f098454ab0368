"""Demo documents laid out the way real publishers lay them out, so the demo lake exercises the
general reader: fused cells, one cell per paragraph, ' |' per line, traditional characters, pinyin
glosses, prose reports with traps. Their truth is the generator's own values, never a parser's.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from oversight.devtools.demo_projects import DemoDoc, Gen

LAYOUTS = ("fused", "paragraphs", "pipes")


@lru_cache(maxsize=2)
def _opencc(config: str):  # OpenCC's dictionaries load once per direction, not once per document
    import opencc

    return opencc.OpenCC(config)


def _traditional(text: str) -> str:
    return _opencc("s2t").convert(text)


def _round_trips(*texts: str) -> bool:
    """Only names that come back unchanged from traditional (some characters do not)."""
    return all(_opencc("t2s").convert(_traditional(t)) == t for t in texts)


def _money(wan: float, in_yuan: bool) -> str:
    return f"{wan * 10000:.2f}" if in_yuan else f"{wan:g}"


def _form(layout: str, f: dict) -> str:
    """The national self-evaluation form in one of three published layouts."""
    head = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    values = [f["initial"], f["budget"], f["executed"], "10", f["rate"], f["sub"]]
    if layout == "fused":
        return "\n".join(
            [
                "项目支出绩效自评表",
                f"{f['year']}年度",
                f"项目名称{f['name']}",
                f"主管部门{f['department']}实施单位{f['unit']}",
                f"项目资金(万元) {''.join(head)}",
                f"年度资金总额{''.join(values)}",
                "其中:当年财政拨款   -0.0%-",
                f"年度总体目标{f['goal']}",
                f"总分:{f['score']}",
            ]
        )
    cells = [
        "项目支出绩效自评表",
        f"({f['year']}年度)",
        "项目名称",
        f["name"],
        "主管部门",
        f["department"],
        "实施单位",
        f["unit"],
        "项目资金\n(万元)",
        *(
            ["年初\n预算数", "全年\n预算数", "全年\n执行数", "分值", "执行率", "得分"]
            if layout == "paragraphs"
            else head
        ),
        "年度资金总额",
        *values,
        "年度总体目标",
        f["goal"],
        "总分",
        f["score"],
    ]
    if layout == "paragraphs":
        return "\n\n".join(cells)
    return "\n".join(f"{c.replace(chr(10), '')} |" for c in cells)


def messy_selfeval(g: Gen, district: str, year: int, n: int) -> DemoDoc:
    rng = g.rng
    unit = f"上海市{district}{rng.choice(['城市运行管理中心', '应急管理局', '大数据中心'])}"
    p = g.project(district, unit, None, year)
    budget = p["amount_wan"]
    executed = round(budget * rng.uniform(0.6, 1.0), 2)
    rate = round(executed / budget * 100, 1)
    layout = rng.choice(LAYOUTS)
    # 元 under the 万元 header, as in real forms, only where the numbers give it away (over 100亿 as 万元).
    in_yuan = layout == "fused" and budget >= 200
    form = {
        "year": year,
        "name": p["name"],
        "department": f"上海市{district}人民政府",
        "unit": unit,
        "initial": _money(budget, in_yuan),
        "budget": _money(budget, in_yuan),
        "executed": _money(executed, in_yuan),
        "rate": f"{rate:.1f}%",
        "sub": f"{min(10, round(rate / 10)):g}",
        "goal": "保障平台稳定运行，资金到位率100%，配备运维人员12人。",
        "score": f"{p['score']:g}",
    }
    text = _form(layout, form)
    if rng.random() < 0.25 and _round_trips(p["name"], unit, form["department"]):
        text = _traditional(text)
    truth = {
        **_stated(p),
        "budget_wan": budget,
        "executed_wan": executed,
        "execution_rate": rate / 100,
        "items": [],
    }
    name = f"demo_{n:04d}_selfeval_{layout}_{year}.txt"
    return DemoDoc(name, "self_evaluation", "txt", _writer(text), [truth])


def prose_report(g: Gen, district: str, year: int, n: int) -> DemoDoc:
    """A report that states its results in sentences, with the traps real reports have."""
    rng = g.rng
    unit = f"上海市{district}{rng.choice(['城市运行管理中心', '公安分局', '城市网格化综合管理中心'])}"
    p = g.project(district, unit, None, year)
    rate = round(rng.uniform(70, 100), 2)
    text = "\n".join(
        [
            f"{unit}{year}年度{p['name']}绩效评价报告",
            f"发布日期：{year + 1}年{rng.randint(3, 9)}月{rng.randint(1, 28)}日",
            "一、项目基本情况",
            f"该项目由{unit}组织实施，项目决算金额为{p['amount_wan']:g}万元，资金到位率100%，"
            f"年度建设进度目标为30%，配备工作人员{rng.randint(5, 60)}人，接入前端设备{rng.randint(1000, 20000)}套。",
            "二、评价结论",
            f"经综合评价，该项目综合评分为{p['score']:g}分，评价等级为“{p['grade']}”，预算执行率为{rate}%。",
        ]
    )
    truth = {
        **_stated(p),
        "amount_wan": p["amount_wan"],
        "grade": p["grade"],
        "execution_rate": rate / 100,
        "items": [],
    }
    return DemoDoc(f"demo_{n:04d}_report_{year}.txt", "evaluation_result", "txt", _writer(text), [truth])


def _stated(p: dict) -> dict:
    """What every messy document states of its project, as the generator made it."""
    keys = ("name", "unit", "year", "district", "town", "score")
    return {k: p[k] for k in keys}


def _writer(text: str):
    return lambda path: Path(path).write_text(text + "\n", encoding="utf-8")


def messy(seed: int, districts: tuple[str, ...], years: tuple[int, ...], start: int, taken: set) -> list[DemoDoc]:
    """A messy document or two per district and year, from their own generator (the rest of the corpus
    stays as it was for the seed), with project names not already taken by the corpus."""
    g = Gen(seed + 1)
    g.names = taken
    rng: random.Random = g.rng
    docs = []
    n = start
    for district in districts:
        for year in years:
            if rng.random() < 0.5:
                docs.append(messy_selfeval(g, district, year, n := n + 1))
            if rng.random() < 0.35:
                docs.append(prose_report(g, district, year, n := n + 1))
    return docs
