"""The reader's vocabulary (rules/reader.toml): labels, column headers, kinds, prose patterns."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from oversight.paths import RULES_DIR

RULES = RULES_DIR / "reader.toml"


@lru_cache(maxsize=1)
def rules() -> dict:
    return tomllib.loads(RULES.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Label:
    field: str
    type: str
    word: str
    unit: str | None = None  # 万元 in 项目资金(万元)


_UNIT_BRACKET = re.compile(r"^\(?(万元|元|亿元|%|分|万)\)?")


@lru_cache(maxsize=1)
def _words() -> list[tuple[str, str, str]]:
    """(word, field, type), longest first so 项目名称 wins over 项目."""
    out = [(w, f, spec["type"]) for f, spec in rules()["labels"].items() for w in spec["words"]]
    return sorted(out, key=lambda t: -len(t[0]))


@lru_cache(maxsize=1)
def _prefix_re() -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w, _, _ in _words())
    return re.compile(rf"^(?:其中[:：])?({alts})\s*(\((?:万元|元|亿元|%|分|万)\))?\s*[:：]?\s*")


@lru_cache(maxsize=1)
def _inner_re() -> re.Pattern[str]:
    # Only long, specific labels split a fused cell in the middle ('主管部门X实施单位Y').
    alts = "|".join(re.escape(w) for w, _, _ in _words() if len(w) >= 4)
    return re.compile(rf"({alts})\s*(\((?:万元|元|亿元|%|分|万)\))?\s*[:：]?")


@lru_cache(maxsize=1)
def _by_word() -> dict[str, tuple[str, str]]:
    return {w: (f, t) for w, f, t in reversed(_words())}


def _lookup(word: str) -> tuple[str, str] | None:
    return _by_word().get(word)


_PERIOD_PREFIX = re.compile(r"^(?:\d{1,2}\s*[-—–至~]\s*\d{1,2}\s*月|上半年|前三季度|本期|累计)")


def without_period(text: str) -> str:
    """'1-6月执行数' → '执行数': a column's time span is not part of its name."""
    return _PERIOD_PREFIX.sub("", text) or text


@lru_cache(maxsize=8192)
def label_of(text: str) -> Label | None:
    """The cell is exactly a label (with an optional unit in brackets and a colon).

    A period before the label ('1-6月执行数(元)') is the column's time span, not part of the label."""
    text = _PERIOD_PREFIX.sub("", text) or text
    m = _prefix_re().match(text)
    if not m or text[m.end() :].strip():
        return None
    f, t = _lookup(m.group(1))  # type: ignore[misc]
    unit = m.group(2).strip("()") if m.group(2) else None
    return Label(f, t, m.group(1), unit)


_TYPES = {
    "score": "score",
    "amount_wan": "money",
    "budget_wan": "money",
    "executed_wan": "money",
    "grade": "grade",
    "eval_note": "text",
    "_light": "any",
}


@lru_cache(maxsize=1)
def _columns() -> dict[str, str]:
    return {w: f for f, words in rules()["columns"].items() for w in words}


_COLUMN = re.compile(r"^(.{1,8}?)\s*(?:\((万元|元|亿元|%|分|万)\))?$")


@lru_cache(maxsize=8192)
def header_of(text: str) -> Label | None:
    """A results table's column header: a label, or a word that is a label only in such a header
    ('得分', '项目资金(万元)', '资金量(万元)')."""
    if lab := label_of(text):
        return lab
    m = _COLUMN.match(without_period(text.strip()))
    if m and (f := _columns().get(m.group(1))) is not None:
        return Label(f, _TYPES[f], m.group(1), m.group(2))
    for f, pattern in _TEXT_HEADERS:  # '评价发现的主要问题', '整改落实进展', '整改时限'
        if len(text) <= 12 and re.search(pattern, text):
            return Label(f, {"_due": "date", "_status": "status"}.get(f, "text"), text)
    return None


# Text columns of a 整改 table by the word they hold, tried in order; '_' columns are read past.
_TEXT_HEADERS = (
    ("_due", r"时限|期限|完成时间|完成日期"),
    ("_status", r"^(?:整改)?(?:状态|是否完成|完成情况|进度)$"),
    ("rectification", r"整改.{0,4}(?:情况|进展|成效|结果)"),
    ("problems", r"问题"),
    ("suggestions", r"建议|意见"),
)


def header_words() -> list[str]:
    """Every word a results table's header may hold: the labels and the column words."""
    return [w for w, _, _ in _words()] + list(_columns())


_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))\s*"
)


_COLON = re.compile(r"[:：]\s*$")
_SENTENCE = re.compile(r"[，。；,;]")


@lru_cache(maxsize=8192)
def split_labelled(text: str) -> tuple[tuple[Label | None, str], ...]:
    """'主管部门X实施单位Y' → [(主管部门, X), (实施单位, Y)]; text before any label → (None, text)."""
    out: list[tuple[Label | None, str]] = []
    pos = 0
    current: Label | None = None
    text = _PERIOD_PREFIX.sub("", text) if _prefix_re().match(_PERIOD_PREFIX.sub("", text)) else text
    bare = _ENUM.sub("", text)
    if bare != text and (mb := _prefix_re().match(bare)) and (mb.end() == len(bare) or _COLON.search(mb.group(0))):
        text = bare  # '一、项目名称：X' is a label; '二、存在的主要问题及整改要求' is a heading
    prose = bool(_SENTENCE.search(text))
    m0 = _prefix_re().match(text)
    if m0 and prose and not _COLON.search(m0.group(0)) and _lookup(m0.group(1))[1] in ("text", "org"):
        m0 = None  # '建议加强…' is a sentence, '建议：加强…' a labelled cell
    if m0:
        f, t = _lookup(m0.group(1))  # type: ignore[misc]
        current = Label(f, t, m0.group(1), m0.group(2).strip("()") if m0.group(2) else None)
        pos = m0.end()
    start = pos
    for m in _inner_re().finditer(text, pos):
        if m.start() == start and current is not None:
            continue
        if prose and not _COLON.search(m.group(0)):
            continue  # in a sentence ('将整改情况报送…') a label word needs its colon to be a label
        out.append((current, text[start : m.start()].strip()))
        f, t = _lookup(m.group(1))  # type: ignore[misc]
        current = Label(f, t, m.group(1), m.group(2).strip("()") if m.group(2) else None)
        start = m.end()
    out.append((current, text[start:].strip()))
    if out and out[0][0] is None:
        return ((None, text),)  # not label-led: a label word inside running text is not a label
    return tuple((lab, val) for lab, val in out if lab is not None or val)


@lru_cache(maxsize=1)
def funds_columns() -> list[tuple[str, str, list[str]]]:
    return [tuple(c) for c in rules()["funds"]["columns"]]  # type: ignore[misc]


@lru_cache(maxsize=1)
def _column_words() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, str]]]:
    words = {w: (f, t) for f, t, ws in funds_columns() for w in ws}
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alts})+"), re.compile(alts), words


_SPAN = re.compile(r"\d{1,2}[-—–至~]\d{1,2}月(?=执行|支出|累计|实际)")
_NOTE_TAIL = re.compile(r"(?<=[数率分值])(?:执行)?偏差原因(?:分析)?|(?<=[数率分值])(?:备注|说明)$")


@lru_cache(maxsize=8192)
def segment_columns(text: str) -> tuple[tuple[str, str], ...] | None:
    """'年初预算数全年预算数全年执行数分值执行率得分' → the funds columns in order; None if any rest remains."""
    run, one, words = _column_words()
    text = re.sub(r"\s+", "", text)
    text = _SPAN.sub("", text)  # '年初预算数全年预算数1-6月执行数': the span is not part of the name
    text = _NOTE_TAIL.sub("", text) or text  # a trailing '偏差原因分析' column holds text
    if not text or not run.fullmatch(text):
        return None
    return tuple(words[m.group(0)] for m in one.finditer(text))
