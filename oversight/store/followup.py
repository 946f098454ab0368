"""Saving 整改 follow-up: who may change which items, and what a valid update is.

Scope is enforced here and in every query (the user's district/town are query parameters), so a
URL or a crafted request cannot reach items outside it.
"""

from __future__ import annotations

from datetime import date

from oversight.access.roles import User
from oversight.store.query import LakeDB
from oversight.store.updates import EVIDENCE_MAX, NOTE_MAX, STATUSES, Update, UpdateStore


class Refused(ValueError):
    """An update that may not or cannot be saved; the message is for the user."""


def save(
    db: LakeDB,
    store: UpdateStore,
    user: User,
    item_ids: list[str],
    status: str,
    due_date: date | None = None,
    note: str = "",
    evidence: str = "",
) -> list[str]:
    """Validate and append one update per item; raises Refused with a reason, saving nothing."""
    if not user.can_edit:
        raise Refused("只有编辑或管理员可以更新整改状态")
    if not item_ids:
        raise Refused("请先选择要更新的整改事项")
    if status not in STATUSES:
        raise Refused(f"状态必须是：{'、'.join(STATUSES)}")
    note, evidence = (note or "").strip(), (evidence or "").strip()
    if len(note) > NOTE_MAX:
        raise Refused(f"说明最多 {NOTE_MAX} 字（现为 {len(note)} 字）")
    if len(evidence) > EVIDENCE_MAX:
        raise Refused(f"佐证材料最多 {EVIDENCE_MAX} 字")
    db.refresh()
    allowed = db.run("items_by_id", {"ids": list(dict.fromkeys(item_ids)), **user.scope}, strict=False)
    missing = set(item_ids) - set(allowed["item_id"])
    if missing:
        raise Refused(
            f"{len(missing)} 个事项不存在或不在您的权限范围（{user.district or '全市'}{user.town or ''}）内，未保存"
        )
    if due_date is not None:
        earliest = int(allowed["year"].min()) if allowed["year"].notna().any() else None
        if earliest and due_date < date(earliest, 1, 1):
            raise Refused(f"整改期限 {due_date:%Y-%m-%d} 早于评价年度（{earliest}年），请检查日期")
    updates = [Update(i, status, user.name, due_date, note, evidence) for i in dict.fromkeys(item_ids)]
    return store.append(updates)
