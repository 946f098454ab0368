"""A lake built by hand for the query tests: every row written out, so every expected number can be
worked out on paper (tests/integration/test_queries_*.py do, one fact per assert).

Two districts, three units, two evaluated years, six categories; a self-evaluation beside a finance
evaluation of the same project; a project with no stated grade (95 → 优 by score); a score of 120
and a rate of 350 % (findings, not means); a project with neither grade nor score; a tracked project
with two periods (June red, August green); 整改 items with and without follow-up updates, one
overdue, one of a hidden self-evaluation, and an update whose item no longer exists.

Ids are short names (e1, m1, r1) rather than hashes, so a failing assert says which row it is.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pyarrow as pa

from oversight.store.corrections import SCHEMA as CORRECTIONS_SCHEMA
from oversight.store.corrections import review_id
from oversight.store.lake import Lake
from oversight.store.schema import TABLES
from oversight.store.shared import AUDIT_SCHEMA
from oversight.store.updates import SCHEMA as UPDATES_SCHEMA

TODAY = "2025-06-01"  # the `$today` every item query is run with
JD, PD = "嘉定区", "浦东新区"
CITY = "嘉定区城运中心"  # U1: evaluated in 2022 and 2023, also evaluates itself
POLICE = "嘉定区公安分局"  # U2
CHUANSHA = "川沙新镇城运中心"  # U3, in 浦东新区 川沙新镇
MALU = "马陆镇城运中心"  # tracked, 嘉定区 马陆镇


def _doc(doc_id, name, kind, unit, district, town, year, day, doc_date=None, status="ok", messages=()):
    return {
        "doc_id": doc_id,
        "source_name": name,
        "doc_kind": kind,
        "demo": False,
        "unit": unit,
        "district": district,
        "town": town,
        "year": year,
        "status": status,
        "records": 0 if status == "quarantined" else 1,
        "messages": list(messages),
        "ingested_at": datetime(2025, 1, day, 10, 0),
        "doc_date": doc_date,
        "format": name.rsplit(".", 1)[1],
    }


DOCUMENTS = [
    _doc("d1", "fin2022.txt", "evaluation_result", CITY, JD, None, 2022, 1, date(2023, 3, 1)),
    _doc(
        "d2",
        "fin2023.txt",
        "evaluation_result",
        CITY,
        JD,
        None,
        2023,
        2,
        date(2024, 3, 1),
        "warning",
        ["第9行 评价分值: 分值 120 超出 0–100"],
    ),
    _doc("d3", "self2023.docx", "self_evaluation", CITY, JD, None, 2023, 3, date(2024, 1, 15)),
    _doc("d4", "pudong2023.txt", "evaluation_result", CHUANSHA, PD, "川沙新镇", 2023, 4),
    _doc("d5", "malu2024.txt", "tracking_monitor", MALU, JD, "马陆镇", 2024, 5),
    _doc("d6", "bad.pdf", "unknown", None, None, None, None, 6, status="quarantined", messages=["无法识别文档类型"]),
    _doc("d7", "chuansha2024.txt", "tracking_monitor", CHUANSHA, PD, "川沙新镇", 2024, 7, date(2024, 7, 10)),
    # A department's evaluation of e8's project, dated before d4's ingest day but ingested after it.
    _doc("d8", "dept2023.txt", "evaluation_result", CHUANSHA, PD, "川沙新镇", 2023, 8, date(2023, 12, 1)),
]


def _ev(pid, doc, unit, district, town, year, name, category, themes, amount, score, grade, by_score, **more):
    return {
        "project_id": pid,
        "doc_id": doc,
        "year": year,
        "unit": unit,
        "district": district,
        "town": town,
        "name": name,
        "category": category,
        "themes": themes,
        "amount_wan": amount,
        "score": score,
        "grade": grade,
        "grade_by_score": by_score,
        "rectification_status": "unknown",
        "demo": False,
        "source_ref": f"{pid} 第1行",
        **more,
    }


# How the reader read some values (reading_confidence): e2 one value likely; e7 an amount unsure and a
# score likely; e8 two values unsure; e5 (hidden behind e3) two unsure that must not count.
LIKELY_SCORE = '{"score": ["正文语句", "likely"]}'
UNSURE_AMOUNT = '{"amount_wan": ["表头下的单元格，单位矛盾，按元读取", "unsure"], "score": ["正文语句", "likely"]}'
UNSURE_BOTH = (
    '{"budget_wan": ["标签后的单元格（OCR识别）", "unsure"], "score": ["标签后的单元格（OCR识别）", "unsure"]}'
)

EVALUATIONS = [
    _ev("e1", "d1", CITY, JD, None, 2022, "视频运维", "video", ["video"], 100.0, 80.0, "良", "良", eval_type="finance"),
    _ev(
        "e2",
        "d1",
        CITY,
        JD,
        None,
        2022,
        "网格平台",
        "grid",
        ["grid"],
        50.0,
        72.0,
        "中",
        "中",
        field_confidence=LIKELY_SCORE,
    ),
    _ev("e3", "d2", CITY, JD, None, 2023, "视频运维", "video", ["video"], 120.0, 90.0, "优", "优", eval_type="finance"),
    _ev("e4", "d2", CITY, JD, None, 2023, "网格平台", "grid", ["grid"], 60.0, 95.0, None, "优"),
    _ev(
        "e5",
        "d3",
        CITY,
        JD,
        None,
        2023,
        "视频运维",
        "video",
        ["video"],
        120.0,
        100.0,
        "优",
        "优",
        eval_type="self",
        field_confidence=UNSURE_BOTH,
    ),
    _ev("e6", "d2", CITY, JD, None, 2023, "数据治理", "data", ["data"], 30.0, 120.0, None, None, execution_rate=3.5),
    _ev(
        "e7",
        "d2",
        POLICE,
        JD,
        None,
        2023,
        "雪亮工程",
        "video",
        ["video", "grid"],
        200.0,
        85.0,
        "良",
        "良",
        field_confidence=UNSURE_AMOUNT,
    ),
    _ev(
        "e8",
        "d4",
        CHUANSHA,
        PD,
        "川沙新镇",
        2023,
        "城运平台",
        "cityops",
        ["cityops"],
        80.0,
        58.0,
        "差",
        "差",
        field_confidence=UNSURE_BOTH,
    ),
    _ev("e9", "d4", CHUANSHA, PD, "川沙新镇", 2023, "等保测评", "security", ["security"], 10.0, None, None, None),
    _ev("e10", "d1", POLICE, JD, None, 2022, "雪亮工程", "video", ["video", "grid"], 150.0, 75.0, "中", "中"),
    _ev(
        "e11",
        "d8",
        CHUANSHA,
        PD,
        "川沙新镇",
        2023,
        "城运平台",
        "cityops",
        ["cityops"],
        80.0,
        70.0,
        "中",
        "中",
        eval_type="department",
    ),
]


def _item(item_id, pid, seq, status, due=None):
    return {
        "item_id": item_id,
        "project_id": pid,
        "seq": seq,
        "problem": f"{item_id} 问题",
        "action": f"{item_id} 措施",
        "status": status,
        "evidence": None,
        "due_date": due,
    }


RECTIFICATIONS = [
    _item("r1", "e1", 1, "done"),
    _item("r2", "e3", 1, "planned", date(2024, 6, 30)),  # updated to in_progress, no new date: overdue
    _item("r3", "e3", 2, "in_progress"),  # updated to done
    _item("r4", "e5", 1, "not_started"),  # the hidden self-evaluation's item
    _item("r5", "e8", 1, "planned", date(2026, 1, 31)),
]


def _update(n, item_id, status, user, day, due=None):
    return {
        "update_id": f"u{n}",
        "item_id": item_id,
        "status": status,
        "due_date": due,
        "note": f"u{n} 说明",
        "evidence": None,
        "user": user,
        "at": datetime(2025, day, 1, 9, 0),
        "n": n,
    }


UPDATES = [
    _update(1, "r3", "done", "li", 2),
    _update(2, "r2", "in_progress", "wang", 3),
    _update(3, "gone", "done", "li", 4),  # its item left the lake
]


def _mon(pid, doc, unit, district, town, name, category, end, rate, light, **more):
    return {
        "project_id": pid,
        "doc_id": doc,
        "year": 2024,
        "unit": unit,
        "district": district,
        "town": town,
        "name": name,
        "category": category,
        "themes": [category],
        "period_start": date(2024, 1, 1),
        "period_end": end,
        "execution_rate": rate,
        "light": light,
        "demo": False,
        **more,
    }


MONITORING = [
    _mon(
        "m1",
        "d5",
        MALU,
        JD,
        "马陆镇",
        "马陆视频",
        "video",
        date(2024, 6, 30),
        0.3,
        "red",
        budget_initial_wan=100.0,
        adjust_down_wan=60.0,
        time_elapsed=0.5,
    ),
    _mon(
        "m1",
        "d5",
        MALU,
        JD,
        "马陆镇",
        "马陆视频",
        "video",
        date(2024, 8, 31),
        0.7,
        "green",
        budget_initial_wan=100.0,
        adjust_down_wan=0.0,
        time_elapsed=0.65,
    ),
    _mon(
        "m2",
        "d7",
        CHUANSHA,
        PD,
        "川沙新镇",
        "川沙网格",
        "grid",
        date(2024, 6, 30),
        0.45,
        "yellow",
        budget_initial_wan=40.0,
        adjust_down_wan=30.0,
        time_elapsed=0.5,
    ),
    _mon(
        "m3",
        "d7",
        CHUANSHA,
        PD,
        "川沙新镇",
        "川沙数据",
        "data",
        date(2024, 6, 30),
        4.0,
        None,
        budget_initial_wan=10.0,
        time_elapsed=0.5,
    ),
]

LINES = [
    {"doc_id": "d1", "line_no": n, "ref": f"第{n}行", "page": None, "text": text}
    for n, text in ((1, "嘉定区城运中心"), (2, "2022年度财政支出项目绩效评价结果"), (3, "项目名称\t视频运维"))
] + [{"doc_id": "d4", "line_no": 1, "ref": "第1行", "page": None, "text": "川沙新镇城运中心"}]


def build(root: Path) -> Path:
    """Write the fixture lake under `root`; returns its folder."""
    tables = {
        "documents": DOCUMENTS,
        "evaluations": EVALUATIONS,
        "rectifications": RECTIFICATIONS,
        "monitoring": MONITORING,
        "lines": LINES,
    }
    Lake(root).replace_tables({t: pa.Table.from_pylist(rows, schema=TABLES[t]) for t, rows in tables.items()})
    return root


def records(db, name: str, **params) -> list[dict]:
    """A query's rows as plain Python values: None for NULL, datetimes, lists."""
    import numpy as np
    import pandas as pd

    def plain(v):
        if isinstance(v, np.ndarray):
            return [plain(x) for x in v]
        if isinstance(v, pd.Timestamp):
            return v.to_pydatetime()
        if v is None or (np.isscalar(v) and pd.isna(v)):
            return None
        return v.item() if isinstance(v, np.generic) else v

    df = db.run(name, params, strict=False)
    return [{k: plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def column(rows: list[dict], name: str) -> list:
    return [r[name] for r in rows]


AUDIT = [
    {"n": 1, "at": datetime(2025, 3, 1, 8, 0), "user": "li", "action": "sign_in", "detail": None},
    {"n": 2, "at": datetime(2025, 3, 1, 8, 5), "user": "li", "action": "sign_in_refused", "detail": "用户名或密码错误"},
    {"n": 3, "at": datetime(2025, 3, 2, 9, 0), "user": "cli", "action": "user_add", "detail": "wang (editor)"},
]


class _Fixed:
    version = 1

    def __init__(self, rows: list[dict], schema: pa.Schema) -> None:
        self.rows, self.schema = rows, schema

    def table(self) -> pa.Table:
        return pa.Table.from_pylist(self.rows, schema=self.schema)


def _correction(n, tbl, doc, pid, field, action, old, new, user, period=None):
    return {
        "correction_id": f"c{n}",
        "review_id": review_id(tbl, doc, pid, period, field),
        "tbl": tbl,
        "doc_id": doc,
        "project_id": pid,
        "period_end": period,
        "field": field,
        "action": action,
        "old_value": old,
        "new_value": new,
        "note": f"c{n} 说明",
        "user": user,
        "at": datetime(2025, 5, n, 9, 0),
        "n": n,
    }


# 人工核对 (tests/integration/test_queries_review.py): e7's amount corrected twice (the later wins: 20),
# e8's score 58 → 85 (its stated 差 now contradicts the score), e2's likely score confirmed, m3's rate
# 400 % → 40 % (its June period), and a correction whose row left the lake (orphaned).
CORRECTIONS = [
    _correction(1, "evaluations", "d2", "e7", "amount_wan", "correct", "200.0", "2.0", "zhang"),
    _correction(2, "evaluations", "d4", "e8", "score", "correct", "58.0", "85.0", "wang"),
    _correction(3, "evaluations", "d1", "e2", "score", "confirm", "72.0", None, "li"),
    _correction(4, "monitoring", "d7", "m3", "execution_rate", "correct", "4.0", "0.4", "wang", date(2024, 6, 30)),
    _correction(5, "evaluations", "d9", "gone", "amount_wan", "correct", "1.0", "10.0", "li"),
    _correction(6, "evaluations", "d2", "e7", "amount_wan", "correct", "2.0", "20.0", "zhao"),
]


class FixedUpdates(_Fixed):
    """The shared store's interface as LakeDB reads it (followed tables with version and table),
    over the hand-written updates and audit events (and, when given, 人工核对 corrections)."""

    def __init__(self, corrections: list[dict] | None = None) -> None:
        super().__init__(UPDATES, UPDATES_SCHEMA)
        self.corrections = corrections or []

    @property
    def followed(self) -> dict[str, _Fixed]:
        return {
            "rectification_updates": self,
            "audit_log": _Fixed(AUDIT, AUDIT_SCHEMA),
            "review_corrections": _Fixed(self.corrections, CORRECTIONS_SCHEMA),
        }
