"""What every document parser shares: labels, findings, checkboxes, ids, header facts."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from oversight.domain.textnorm import CHECKED, UNCHECKED, join_wrapped, key, plain
from oversight.ingest.readers import Line
from oversight.paths import RULES_DIR

_SENTENCE_END = re.compile(r"[。；;！!？?：:]\s*(</p>)?\s*$")
_UNIT = re.compile(r"^(.*?)\((万元|元|亿元|%|分)\)$")


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    data = tomllib.loads((RULES_DIR / "labels.toml").read_text(encoding="utf-8"))
    return {
        section: {key(v): name for name, variants in fields.items() for v in variants}
        for section, fields in data.items()
    }


def match_label(cell: str, section: str) -> tuple[str, str | None] | None:
    """A cell that is a label → (field, unit in its brackets); otherwise None."""
    k = key(cell).rstrip(":：")
    if not k or len(k) > 30:
        return None
    unit = None
    m = _UNIT.match(k)
    if m:
        k, unit = m.group(1), m.group(2)
    name = _labels()[section].get(k)
    return (name, unit) if name else None


_INLINE = re.compile(r"^\s*([^:：\t]{1,20}?)\s*[:：]\s*(.*)$", re.DOTALL)


def split_inline(cell: str, section: str) -> tuple[str, str | None, str] | None:
    """'街镇名称：上海市…' or, from PDF text, '项目名称 2017-2018…' → (field, unit, value)."""
    m = _INLINE.match(cell)
    if m and (hit := match_label(m.group(1), section)):
        return hit[0], hit[1], m.group(2)
    head, _, rest = cell.strip().partition(" ")
    if rest and (hit := match_label(head, section)):
        return hit[0], hit[1], rest
    return None


@dataclass
class Finding:
    ref: str  # where: 第14行, 第2页第7行, Sheet1!第5行
    field: str  # the field, in Chinese
    message: str

    def __str__(self) -> str:
        return f"{self.ref} {self.field}: {self.message}"


@dataclass
class Cell:
    """A field's raw text and where it came from."""

    text: str
    line: Line
    unit: str | None = None
    lines: list[Line] = field(default_factory=list)

    def append(self, text: str, line: Line) -> None:
        """Add a continuation line: a new paragraph, except where a PDF wrapped mid-sentence."""
        wrapped = line.page is not None and self.text and not _SENTENCE_END.search(self.text)
        if wrapped:
            self.text = join_wrapped([self.text, text])
        else:
            self.text = f"{self.text}<p>{text}" if self.text else text
        self.lines.append(line)

    @property
    def span(self) -> list[int]:
        return [self.line.no, *(ln.no for ln in self.lines)]


def checked_options(text: str) -> list[str]:
    """Options ticked in 'A ☑ B ☐' (marks after options) or '☑A ☐B' (marks before)."""
    t = plain(text).replace("√", CHECKED).replace("■", CHECKED).replace("☒", CHECKED).replace("✔", CHECKED)
    t = t.replace("□", UNCHECKED)
    tokens = re.findall(rf"[{CHECKED}{UNCHECKED}]|[^{CHECKED}{UNCHECKED}\s]+", t)
    if not any(tok in (CHECKED, UNCHECKED) for tok in tokens):
        return []
    marks_first = tokens[0] in (CHECKED, UNCHECKED)
    out = []
    for i, tok in enumerate(tokens):
        if tok != CHECKED:
            continue
        j = i + 1 if marks_first else i - 1
        if 0 <= j < len(tokens) and tokens[j] not in (CHECKED, UNCHECKED):
            out.append(tokens[j])
    return out


def has_checkbox(text: str) -> bool:
    return bool(re.search(r"<input\b|[☑☐□■√☒✔]", text))


def stable_id(*parts: object) -> str:
    """A short, stable id from the parts' match keys."""
    raw = "|".join(key(str(p)) if p is not None else "" for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


_YEAR_DU = re.compile(r"((?:19|20)\d{2})\s*年度")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_UNIT_SUFFIX = re.compile(
    r"(中心|局|委员会|委|办公室|政府|街道|镇|乡|公司|所|院|站|队|处|署|会|馆|部)(（盖章）|\(盖章\))?$"
)


def fiscal_year(texts: list[str]) -> int | None:
    """The fiscal year a document evaluates: 'N年度' first; a bare 'N年' (not a date) next."""
    for pattern in (_YEAR_DU, _YEAR):
        for text in texts:
            m = pattern.search(key(text))
            if m:
                return int(m.group(1))
    return None


def header_unit(texts: list[str]) -> str | None:
    """The publishing unit: a header line shaped like an organisation's name and without a year."""
    for text in texts:
        t = plain(text).replace("（盖章）", "").replace("(盖章)", "").strip()
        if t and len(t) <= 40 and not re.search(r"\d{4}", t) and _UNIT_SUFFIX.search(key(t)):
            return t
    return None


_DANGLING = re.compile(r"[和及与或的、，,；;：:并且而]$")


def truncated(text: str | None) -> bool:
    """Text that stops mid-sentence (…水平和): ends on a conjunction, particle or separator."""
    return bool(text) and bool(_DANGLING.search(text.strip()))


@dataclass
class Context:
    """Facts a document states once for all its projects."""

    unit: str | None = None
    district: str | None = None
    town: str | None = None
    year: int | None = None
    eval_type: str | None = None
    elsewhere: bool = False  # the page is of another city ('舟山市普陀区'): no Shanghai place from names


@dataclass
class Parsed:
    """What a parser read from one document: lake rows (without doc_id) and findings."""

    kind: str
    context: Context
    evaluations: list[dict] = field(default_factory=list)
    monitoring: list[dict] = field(default_factory=list)
    rectifications: list[dict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def records(self) -> int:
        return len(self.evaluations) + len(self.monitoring)
