"""Which project a row is, and how late the document that states it is.

A project is the same project when its district, unit, year and name match (by match key) *and*
it was evaluated the same way: a unit's self-evaluation (`self`) and a finance bureau's
evaluation (`finance`) of one project are two statements that must both be kept, so the
evaluation type is part of the id. An evaluation of unknown type keeps the id it always had
(district, unit, year, name), so lakes and follow-up records made before stay valid.

"Latest" between two statements of the same project is decided by the document's own date
(发布日期/发文日期/成文日期, or a form's 填报日期), read from its text here; see store/latest.py.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from oversight.domain.numbers import parse_dates
from oversight.ingest.parsers.common import Parsed, stable_id


def project_id(district: str | None, unit: str | None, year: int | None, name: str, eval_type: str | None) -> str:
    return stable_id(district, unit, year, name, *([eval_type] if eval_type else []))


def rekey(parsed: Parsed) -> None:
    """Give each evaluation the id of its evaluation type.

    The template parsers build ids with the type already; the general reader learns that a
    document is a self-evaluation after building its rows. A row whose id is the untyped one
    but whose type is known gets the typed id, and its 整改 items follow it."""
    moved: dict[str, str] = {}
    for row in parsed.evaluations:
        place = (row.get("district"), row.get("unit"), row.get("year"), row.get("name") or "")
        untyped, typed = project_id(*place, None), project_id(*place, row.get("eval_type"))
        if row.get("project_id") == untyped and typed != untyped:
            moved[untyped] = row["project_id"] = typed
    for item in parsed.rectifications:
        if (new := moved.get(item.get("project_id"))) is not None:
            item["project_id"] = new
            item["item_id"] = stable_id(new, item["seq"], item["action"])


# A publication's or a form's own date, after its label ("发文日期: 2023年12月29日", "成文日期：
# 2023-08-01", "| 发布日期: | 2022年11月04日 |", "填报日期 2024年9月5日").
# Traditional characters too (發布日期): pages are read before any conversion.
_LABELLED = re.compile(
    r"(?:(?:成文|[发發]文|印[发發]|[发發]布|公[开開]|填[报報]|填表|[报報]送)日期|(?:[发發][布表])[时時][间間])"
    r"[\s:：|]*(\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?)"
)
# A line that is only a date: the date a document is signed under (落款).
_ALONE = re.compile(r"^\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")


def doc_date(texts: list[str]) -> date | None:
    """The document's own date: the first labelled date; else the last line that is only a date."""
    signed = None
    for text in texts:
        normed = unicodedata.normalize("NFKC", text or "")
        if m := _LABELLED.search(normed):
            got = parse_dates(m.group(1))
            if got:
                return got[0]
        if m := _ALONE.match(normed):
            signed = (parse_dates(m.group(1)) or [signed])[0]
    return signed
