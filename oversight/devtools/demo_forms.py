"""Demo documents beyond evaluation results: district ledgers (xlsx), tracking forms, self-evaluations."""

from __future__ import annotations

import calendar
from datetime import date

from oversight.devtools import writers
from oversight.devtools.demo_projects import DemoDoc, Gen, amount, bind, numbered, truth
from oversight.devtools.demo_words import CONCLUSIONS, FOCUS, TEMPLATES, WEIGHTS


def ledger(g: Gen, district: str, year: int, n: int) -> DemoDoc:
    rng = g.rng
    in_yuan = rng.random() < 0.3
    columns = [
        "序号",
        "单位",
        "项目名称",
        "决算金额（元）" if in_yuan else "决算金额（万元）",
        "评价分值",
        "评价等次",
        "存在问题",
        "整改建议",
        "整改情况",
    ]
    projects = []
    for _ in range(rng.randint(10, 25)):
        unit, town = g.unit(district)
        projects.append(g.project(district, unit, town, year))
    rows = []
    for i, p in enumerate(projects, 1):
        amount = f"{round(p['amount_wan'] * 10000):,}" if in_yuan else p["amount_wan"]
        rows.append(
            [
                i,
                p["unit"],
                p["name"],
                amount,
                p["score"],
                p["grade"],
                numbered(p["problems"]),
                p["suggestions"],
                numbered([it["action"] for it in p["items"]]),
            ]
        )
    title = [f"上海市{district}财政局", f"{year}年度财政支出项目绩效评价结果汇总表"]
    write = bind(writers.eval_xlsx, title, columns, rows)
    return DemoDoc(
        f"demo_{n:04d}_ledger_{year}.xlsx", "evaluation_result", "xlsx", write, [truth(p, "；") for p in projects]
    )


def light_and_rate(rng, end: date, outlook: str) -> tuple[str, float]:
    """The light the generator means, then an execution rate (in %) that earns it by the rule as
    LAKE.md states it, at least a point clear of every edge (rounding the money moves it less).

    The rule, by hand: a 确定不能完成 outlook is red; else execution against the share of the year
    elapsed (the end date's day of the year over the year's days): not behind, green; up to 10
    points behind, yellow; further, red (on 30 September every red here is also below 50 %'s edge)."""
    if outlook == "确定不能完成":
        return "red", round(rng.uniform(20, 100), 2)
    elapsed = 100 * end.timetuple().tm_yday / (366 if calendar.isleap(end.year) else 365)
    light = rng.choices(["green", "yellow", "red"], weights=[5, 3, 2])[0]
    low, high = {"green": (elapsed + 1, 100), "yellow": (elapsed - 9, elapsed - 1), "red": (20, elapsed - 11)}[light]
    return light, round(rng.uniform(low, high), 2)


def tracking(g: Gen, district: str, year: int, n: int) -> DemoDoc:
    rng = g.rng
    town = rng.choice(g.by_district[district])
    unit = f"{town}城市运行管理中心"
    category, template = rng.choices(TEMPLATES, weights=WEIGHTS)[0]
    name = f"{year}年{template.format(p=town, y=year).removeprefix(f'{year}年')}"
    while (district, unit, year, name) in g.names:
        name += "（续）"
    g.names.add((district, unit, year, name))
    initial = amount(rng)
    down = round(initial * rng.choice([0, 0, 0, 0.1, 0.3, 0.6]), 2)
    up = round(initial * rng.choice([0, 0, 0, 0.05]), 2)
    budget = round(initial - down + up, 2)
    end = rng.choice([date(year, 6, 30), date(year, 8, 31), date(year, 9, 30)])
    outlook = rng.choices(writers.OUTLOOKS, weights=[7, 3, 1])[0]
    light, pct = light_and_rate(rng, end, outlook)
    executed = round(budget * pct / 100, 2)
    rate = round(executed / budget, 4) if budget else 0.0
    in_yuan = rng.random() < 0.25
    scale = 10000 if in_yuan else 1

    def money(v: float) -> str:
        return f"{round(v * scale, 2):,.2f}" if in_yuan else f"{v:g}"

    form = {
        "name": name,
        "unit": unit,
        "implementer": unit,
        "place": f"上海市{district}{town}人民政府",
        "period": f"{year}年01月01日 --- {end.year}年{end.month:02d}月{end.day:02d}日",
        "recurring": rng.random() < 0.4,
        "needs_adjustment": rng.random() < 0.15,
        "money_unit": "元" if in_yuan else "万元",
        "budget": money(budget),
        "executed": money(executed),
        "rate": f"{rate * 100:.2f}%",
        "down": money(down),
        "up": money(up),
        "pre": money(initial),
        "focus_reason": rng.choice(FOCUS).format(y=year),
        "narrative": [
            "一、项目基本情况（包括项目背景概况、预算安排、工作内容和计划时间节点）：",
            f"本项目{year}年初预算安排为{initial:g}万元。",
            "二、项目具体实施情况（对照阶段性绩效目标的完成情况）：",
            f"截至跟踪期实际支出{executed:g}万元。",
        ],
        "conclusion": CONCLUSIONS[light],
        "budget_outlook": outlook,
        "goal_outlook": outlook,
    }
    truth = {
        "name": name,
        "unit": unit,
        "district": district,
        "town": town,
        "year": year,
        "category": category,
        "period_start": date(year, 1, 1),
        "period_end": end,
        "budget_initial_wan": initial,
        "budget_wan": budget,
        "executed_wan": executed,
        "execution_rate": rate,
        "adjust_down_wan": down,
        "adjust_up_wan": up,
        "pre_assessment_wan": initial,
        "recurring": form["recurring"],
        "needs_adjustment": form["needs_adjustment"],
        "conclusion": form["conclusion"],
        "budget_outlook": outlook,
        "goal_outlook": outlook,
        "light": light,
    }
    fmt = rng.choice(["txt", "txt", "docx"])
    write = bind(writers.tracking_txt if fmt == "txt" else writers.tracking_docx, form)
    return DemoDoc(f"demo_{n:04d}_tracking_{year}.{fmt}", "tracking_monitor", fmt, write, [truth])


def selfeval(g: Gen, district: str, year: int, n: int) -> DemoDoc:
    rng = g.rng
    unit = f"上海市{district}{rng.choice(['城市运行管理中心', '应急管理局', '大数据中心'])}"
    p = g.project(district, unit, None, year)
    budget = p["amount_wan"]
    executed = round(budget * rng.uniform(0.6, 1.0), 2)
    rate = round(executed / budget, 4)
    form = {
        "year": year,
        "name": p["name"],
        "department": f"上海市{district}人民政府",
        "unit": unit,
        "money_unit": "万元",
        "initial": f"{budget:g}",
        "budget": f"{budget:g}",
        "executed": f"{executed:g}",
        "rate": f"{rate * 100:.2f}%",
        "rate_score": f"{rate * 10:.2f}",
        "score": f"{p['score']:g}",
        "grade": p["grade"],
        "problems": p["problems"][0],
    }
    truth = {
        **p,
        "amount_wan": executed,
        "budget_wan": budget,
        "executed_wan": executed,
        "execution_rate": rate,
        "problems": p["problems"][0],
        "items": [],
        "eval_type": "self",
        "department": form["department"],
    }
    return DemoDoc(
        f"demo_{n:04d}_selfeval_{year}.docx", "self_evaluation", "docx", bind(writers.selfeval_docx, form), [truth]
    )
