"""人工核对: staff confirm or correct the values the reader was unsure of (queries/review_queue.sql).

Corrections are appended to `review_corrections` in the shared store (never to the lake), like 整改
updates; every query reads a value through `evaluations_read()` / `monitoring_read()`, which take the
latest correction when there is one (queries/_macros.sql). A value is named by its `review_id`, a hash
of where it was read (table, document, project, period, field), so re-ingesting the same document
keeps its corrections; a correction whose value is gone is listed as orphaned on the 审计 page.

Validation is typed: an amount in 万元 (≥ 0 and at most 100 亿元), a score 0–100, a grade 优/良/中/差,
a rate in % (0–300), a year, a text. Editors correct within their scope; only an admin may mark a
document "not a performance document" (it leaves the queue, and its rows leave every page).
"""

from __future__ import annotations

import math
import re
from datetime import date

import pyarrow.compute as pc

from oversight.access.roles import User
from oversight.store.corrections import Correction, ReviewStore, review_id
from oversight.store.query import LakeDB

ACTIONS = ("confirm", "correct", "not_a_document")
ACTION_ZH = {"confirm": "确认无误", "correct": "人工更正", "not_a_document": "标记为非绩效文档"}
NOTE_MAX = 1000
TEXT_MAX = 300
MAX_PLAUSIBLE_WAN = 1_000_000.0  # 100 亿元: as the reader's unit check (ingest/reader/build.py)
GRADES = ("优", "良", "中", "差")
# The kind of each field a person may correct (the same list as review_fields() in _macros.sql).
FIELD_KIND = {
    "amount_wan": "amount",
    "budget_wan": "amount",
    "budget_initial_wan": "amount",
    "executed_wan": "amount",
    "adjust_down_wan": "amount",
    "adjust_up_wan": "amount",
    "pre_assessment_wan": "amount",
    "execution_rate": "rate",
    "score": "score",
    "grade": "grade",
    "year": "year",
    "name": "text",
    "department": "text",
    "evaluator": "text",
    "conclusion": "text",
    "document": "document",
}
KIND_HINT = {
    "amount": "金额（万元）",
    "rate": "执行率（%，0–300）",
    "score": "得分（0–100）",
    "grade": "等次（优/良/中/差）",
    "year": "年度",
    "text": "文字",
    "document": "整份文档",
}


class Refused(ValueError):
    """A correction that may not or cannot be saved; the message is for the user."""


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _number(text: str, what: str) -> float:
    plain = text.replace(",", "").replace("，", "").replace(" ", "")
    if not _NUMBER.match(plain):
        raise Refused(f"{what}必须是数字（收到“{text}”）")
    value = float(plain)
    if not math.isfinite(value):
        raise Refused(f"{what}必须是数字（收到“{text}”）")
    return value


def parse_value(field: str, raw: str | float | int | None) -> str:
    """A typed value as the user wrote it → its canonical text in the lake's units; Refused if wrong."""
    kind = FIELD_KIND.get(field)
    text = str(raw if raw is not None else "").strip()
    if kind is None or kind == "document":
        raise Refused("这一项不是单个数值，只能确认（管理员可标记为非绩效文档）")
    if not text:
        raise Refused(f"请填写更正后的{KIND_HINT[kind]}")
    if kind == "amount":
        if text.endswith(("亿元", "亿")):
            raise Refused("金额请以万元填写（1 亿元 = 10000 万元）")
        body = text.removesuffix("万元").removesuffix("万")
        if body.endswith("元"):
            raise Refused("金额请以万元填写（1 万元 = 10000 元）")
        value = _number(body, "金额")
        if value < 0:
            raise Refused("金额不能为负数")
        if value > MAX_PLAUSIBLE_WAN:
            raise Refused(f"金额 {value:,.2f} 万元超过 100 亿元，不合理；请以万元填写")
        return repr(round(value, 6))
    if kind == "rate":
        value = _number(text.removesuffix("%").removesuffix("％"), "执行率")
        if not 0 <= value <= 300:
            raise Refused(f"执行率以百分数填写，须在 0–300 之间（收到 {value:g}）")
        return repr(round(value / 100, 8))
    if kind == "score":
        value = _number(text.removesuffix("分"), "得分")
        if not 0 <= value <= 100:
            raise Refused(f"得分须在 0–100 之间（收到 {value:g}）")
        return repr(round(value, 4))
    if kind == "grade":
        if text not in GRADES:
            raise Refused(f"等次只能是 {'、'.join(GRADES)}（收到“{text}”）")
        return text
    if kind == "year":
        if not re.fullmatch(r"\d{4}", text.removesuffix("年度").removesuffix("年")):
            raise Refused(f"年度须是四位数字（收到“{text}”）")
        year = int(text.removesuffix("年度").removesuffix("年"))
        if not 1990 <= year <= date.today().year + 1:
            raise Refused(f"年度 {year} 不合理（1990–{date.today().year + 1}）")
        return str(year)
    if len(text) > TEXT_MAX or "\n" in text:
        raise Refused(f"文字须为一行，最多 {TEXT_MAX} 字")
    return text


_ENTRIES: dict[tuple, dict] = {}  # (lake, lake version, review_id, scope) → entry: where a value was read


def lookup(db: LakeDB, user: User, rid: str) -> dict:
    """The queue entry `rid` (open or already reviewed) within the user's scope; Refused when there is none.

    Where a value was read and whose scope it is depend on the lake's version only, so an entry found
    once is kept for that version (a save then costs a look at the corrections, not the whole queue)."""
    db.refresh()
    key = (str(db.lake.root), db.version, rid, user.district, user.town)
    if key not in _ENTRIES:
        found = db.run("review_queue", {"review_id": rid, "state": "all", **user.scope}, strict=False)
        if found.empty:
            place = f"{user.district or '全市'}{user.town or ''}"
            raise Refused(f"核对项 {rid} 不存在或不在您的权限范围（{place}）内，未保存")
        if len(_ENTRIES) > 10_000:
            _ENTRIES.clear()
        _ENTRIES[key] = found.iloc[0].to_dict()
    return _ENTRIES[key]


def _latest(store: ReviewStore, column: str, value: str) -> list[dict]:
    """The corrections whose `column` is `value`, oldest first."""
    table = store.table()
    rows = table.filter(pc.equal(table[column], value)).to_pylist() if table.num_rows else []
    return sorted(rows, key=lambda r: r["n"])


def save(
    db: LakeDB,
    store: ReviewStore,
    user: User,
    rid: str,
    action: str,
    value: str | float | None = None,
    note: str = "",
) -> str:
    """Validate and append one confirmation or correction; raises Refused with a reason, saving nothing."""
    if not user.can_edit:
        raise Refused("只有编辑或管理员可以核对或更正数值")
    if action not in ACTIONS:
        raise Refused(f"操作必须是：{'、'.join(ACTIONS)}")
    if action == "not_a_document" and user.role != "admin":
        raise Refused("只有管理员可以把文档标记为非绩效文档")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise Refused(f"说明最多 {NOTE_MAX} 字（现为 {len(note)} 字）")
    entry = lookup(db, user, rid)
    marks = [r for r in _latest(store, "doc_id", entry["doc_id"]) if r["tbl"] == "documents"]
    if marks and marks[-1]["action"] == "not_a_document":
        raise Refused("该文档已被标记为非绩效文档，其数值不再核对")
    period = entry.get("period_end")
    period = None if period is None or period != period else getattr(period, "date", lambda: period)()
    project = entry["project_id"] if isinstance(entry.get("project_id"), str) else None
    corrected = [r["new_value"] for r in _latest(store, "review_id", rid) if r["action"] == "correct"]
    old = corrected[-1] if corrected else entry["read_raw"] if isinstance(entry.get("read_raw"), str) else None
    if action == "not_a_document":
        doc_rid = review_id("documents", entry["doc_id"], None, None, "document")
        row = Correction(
            doc_rid, "documents", entry["doc_id"], None, None, "document", action, None, None, note, user.name
        )
        return store.append([row])[0]
    new = None
    if action == "correct":
        if project is None:
            raise Refused("整份文档的核对项只能确认，或由管理员标记为非绩效文档")
        new = parse_value(entry["field"], value)
    row = Correction(
        rid, entry["tbl"], entry["doc_id"], project, period, entry["field"], action, old, new, note, user.name
    )
    return store.append([row])[0]
