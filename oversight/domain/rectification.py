"""整改 text → items, each with a status, the phrase the status was read from, and a due date."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from oversight.domain.numbers import parse_due
from oversight.domain.textnorm import plain

# First rule that matches wins (DOMAIN §3.4, mapped to LAKE codes). A promise with a future
# marker is `planned` even if it mentions 完成; a standing arrangement is `in_progress`.
STATUS_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("not_started", re.compile(r"未整改|尚未(开展|启动|整改|落实)|未开展|未启动|暂未整改")),
    (
        "planned",
        re.compile(
            r"(?:于|在)?\d{4}\s*年[^，。；;]{0,12}?(?:之?前|以前)"  # 2022年6月底前
            r"|(?:于|在)[^，。；;]{1,15}?(?:之?前|以前)"  # 于年底前
            r"|今后|(?<!已)将"
            r"|(?<!模)拟(?=于|在|将|对|\d|开展|进一步)"
            r"|(?<![按照])计划(?=于|在|将|\d|年内|今年|明年|下半年)"  # 计划 only as a verb
            r"|争取|下一步"
        ),
    ),
    ("done", re.compile(r"已经?|完成了|顺利完成|已完成|已整改|整改完毕|完成|实现|落实了")),
    ("in_progress", re.compile(r"正在|推进中|持续|长效|定期|每周|每月|每季度|安排|逐步|跟踪")),
)

_ITEM = re.compile(
    r"(?:^|(?<=[。；;\s]))\s*(?:\d{1,2}\s*[、.．)）](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)


@dataclass
class Item:
    seq: int
    action: str
    status: str
    evidence: str | None
    due_date: date | None
    problem: str | None = None


def split_items(text: str | None) -> list[str]:
    """Split on paragraphs, then on numbering (1、 2. （一） 一、); numbering marks are kept."""
    body = plain(text)
    if not body:
        return []
    items: list[str] = []
    for para in body.split("\n"):
        starts = [m.start() for m in _ITEM.finditer(para)]
        if not starts or starts[0] != 0:
            starts = [0, *starts]
        bounds = [*starts, len(para)]
        items += [para[a:b].strip(" ；;") for a, b in itertools.pairwise(bounds) if para[a:b].strip(" ；;")]
    return items


def status_of(text: str) -> tuple[str, str | None]:
    """(status, evidence phrase) for one item."""
    for status, pattern in STATUS_RULES:
        m = pattern.search(text)
        if m:
            return status, m.group(0).strip()
    return "unknown", None


def overall(statuses: list[str]) -> str:
    """A project's status from its items: done only when all are; else the least advanced."""
    if not statuses:
        return "unknown"
    if all(s == "done" for s in statuses):
        return "done"
    for s in ("not_started", "planned", "in_progress"):
        if s in statuses:
            return s
    return "in_progress" if "done" in statuses else "unknown"


def items_of(rectification: str | None, problems: str | None) -> list[Item]:
    """Items from a 整改情况 text; problems are paired item for item when they split alike."""
    actions = split_items(rectification)
    problem_parts = split_items(problems)
    paired = len(problem_parts) == len(actions) and len(actions) > 1
    whole = plain(problems) or None
    out = []
    for seq, action in enumerate(actions, 1):
        status, evidence = status_of(action)
        problem = problem_parts[seq - 1] if paired else whole
        out.append(Item(seq, action, status, evidence, parse_due(action), problem))
    return out
