"""A results table whose cells a page fused with no separator at all:

    序号项目名称实施部门项目金额(万元)评价得分评价等级
    1方松街道城市运行管理中心"一网统管"联勤联动运行经费城运中心186.5088.50良

The header is cut into the vocabulary's words; each row is its 序号, its text (the name, then the unit
when the header has one: cut where an organisation's name ends it) and its values at the end, cut by
the number grammar (`fit_row`) with the grade last.
"""

from __future__ import annotations

import re
from functools import lru_cache

from oversight.ingest.reader import vocab
from oversight.ingest.reader.cells import Tok, Value
from oversight.ingest.reader.values import fit_row

Column = tuple[str, str, str | None]
_UNIT = r"(?:\((万元|元|亿元)\))?"
_TAIL = re.compile(r"^(?P<text>.*?[^\d,.])(?P<values>\d[\d,.%]*?)(?P<grade>优秀|良好|中等|较差|优|良|中|差)?$")
_ORG = re.compile(
    r"[\u4e00-\u9fff]{2,10}(?:局|委|办|中心|站|所|队|街道|镇|乡|政府|公司|院|科|处|部|室|社区|分局|支队|大队)$"
)
_PROJECT_END = re.compile(r"(?:项目|工程|经费|补贴|服务|建设|养护|运维|改造|购置|整治|维护|管理|资金|专项)$")


@lru_cache(maxsize=1)
def _res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the whole header, one word of it): labels and results-table column words, longest first."""
    words = [w for w in vocab.header_words() if len(w) >= 2]
    alts = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?:(?:{alts}){_UNIT})+"), re.compile(rf"({alts}){_UNIT}")


def header(text: str) -> list[Column] | None:
    """'序号项目名称实施部门项目金额(万元)评价得分评价等级' → its columns; None unless the whole text is
    header words, with 项目名称 and at least two value columns."""
    text = re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")
    whole, one = _res()
    if "项目名称" not in text or len(text) < 12 or not whole.fullmatch(text):
        return None
    out: list[Column] = []
    for m in one.finditer(text):
        lab = vocab.header_of(m.group(1))
        if lab is None:
            return None
        out.append((lab.field, lab.type, m.group(2) or lab.unit))
    values = [c for c in out if c[1] in ("money", "score", "rate", "grade")]
    return out if any(c[0] == "name" for c in out) and len(values) >= 2 else None


def rows(toks: list[Tok], i: int, columns: list[Column], declared: str | None) -> tuple[list[dict[str, Value]], int]:
    """The numbered rows after a fused header, up to the first line that is not one."""
    texts = [c for c in columns if c[1] in ("text", "org")]
    values = [c for c in columns if c[1] in ("money", "score", "rate")]
    grade = next((c for c in columns if c[1] == "grade"), None)
    units = {f: u or (declared if ty == "money" else None) for f, ty, u in columns}
    out: list[dict[str, Value]] = []
    expect = 1
    while i < len(toks):
        t = toks[i]
        m = re.match(rf"^{expect}(?=\D)", t.text) if columns[0][0] == "seq" else re.match(r"^", t.text)
        tail = _TAIL.match(t.text[m.end() :]) if m else None
        if not tail:
            break
        row: dict[str, Value] = {}
        for (f, _, _), part in zip(texts, _cut_text(tail.group("text"), texts), strict=False):
            if part:
                row[f] = Value(f, part, t.line, "column?")
        fit = fit_row(tail.group("values"), [(f, ty) for f, ty, _ in values])
        for f, raw in fit.values.items() if fit else ():
            row[f] = Value(f, raw, t.line, "column?", units.get(f))
        if grade and tail.group("grade"):
            row[grade[0]] = Value(grade[0], tail.group("grade"), t.line, "column?")
        if "name" in row:
            out.append(row)
        expect += 1
        i += 1
    return out, i


def _cut_text(text: str, texts: list[Column]) -> list[str]:
    """The name, and the unit after it when the header has one: the longest name that ends like a
    project, before a unit that ends like an organisation. Unsure: the whole text is the name."""
    if len(texts) != 2 or texts[0][0] != "name":
        return [text]
    for k in range(len(text) - 2, 3, -1):
        name, unit = text[:k], text[k:]
        if _ORG.fullmatch(unit) and _PROJECT_END.search(name):
            return [name, unit]
    return [text]
