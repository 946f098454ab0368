"""A document's context from its header: unit, year, evaluation type, district and town.

When the header names no district, the projects' names and text vote (with a finding saying so).
"""

from __future__ import annotations

from oversight.domain import places, standards
from oversight.domain.textnorm import key, plain
from oversight.ingest.parsers.common import Cell, Context, Finding, fiscal_year, header_unit
from oversight.ingest.readers import Line


def context_from(header: list[Line]) -> Context:
    texts = [plain(ln.text) for ln in header]
    ctx = Context(unit=header_unit(texts), year=fiscal_year(texts))
    ctx.eval_type = standards.eval_type_of(key(" ".join(texts)))
    for text in [ctx.unit or "", *texts]:
        district, town = places.place_of(text)
        ctx.district = ctx.district or district
        ctx.town = ctx.town or town
    return ctx


def own_places(records: list[dict[str, Cell]]) -> bool:
    """Whether every project names its own district (a 区 column, its unit or its name)."""
    return bool(records) and all(
        any(places.place_of(rec[f].text)[0] for f in ("district", "unit", "name") if f in rec) for rec in records
    )


def infer_district(ctx: Context, texts: list[str], findings: list[Finding], ref: str) -> None:
    """When the header names no district: the majority of the projects' names and text."""
    if ctx.district:
        return
    votes = places.district_votes(texts).most_common(2)
    if not votes:
        findings.append(Finding(ref, "区", "表头未写明区，正文也未提及任何区；区留空"))
        return
    if len(votes) > 1 and votes[0][1] == votes[1][1]:
        findings.append(
            Finding(
                ref,
                "区",
                f"表头未写明区，正文中{votes[0][0]}与{votes[1][0]}提及次数相同；区留空",
            )
        )
        return
    ctx.district = votes[0][0]
    findings.append(
        Finding(
            ref,
            "区",
            f"表头未写明区，按项目名称和正文推断为{ctx.district}（提及 {votes[0][1]} 次）",
        )
    )
