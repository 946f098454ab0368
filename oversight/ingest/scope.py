"""Writes are a permission: who may ingest, and which rows a scoped editor may add or replace.

The rule mirrors the read side (`in_scope` in queries/_macros.sql): a user bound to a district
and/or town may write exactly the rows they could read — rows whose district and town match their
scope. A row whose place is not stated is refused too: once written it would be invisible to them
and visible to everyone else. A row inside the scope is still refused when it would replace a row
outside it (same project id), so no id, however it was made, reaches across the boundary.
Refused rows are dropped with the reason on the document; the rest of the document is kept.
"""

from __future__ import annotations

from oversight.access.roles import User
from oversight.ingest.result import quarantine
from oversight.store.lake import Lake
from oversight.store.records import FileResult

SHOWN_NAMES = 5  # refused projects named in the message; the count covers the rest


class NotAllowed(PermissionError):
    """The user may not ingest at all (the message is for them)."""


def label(user: User) -> str:
    return f"{user.district or ''}{user.town or ''}" or "全市"


class Guard:
    """What one run may write for `user` (None: an operator's run, unrestricted)."""

    def __init__(self, user: User | None, lake: Lake) -> None:
        if user is not None and not user.can_edit:
            raise NotAllowed("只有编辑或管理员可以导入文档；查看权限的用户不能写入数据湖")
        self.user = user
        self.scoped = user is not None and bool(user.district or user.town)
        # The place of every project already in the lake, read once per run (only for scoped users).
        self._places: dict[str, dict[str, tuple[str | None, str | None]]] = {}
        if self.scoped:
            for table in ("evaluations", "monitoring"):
                cols = lake.read(table).select(["project_id", "district", "town"]).to_pydict()
                places = zip(cols["district"], cols["town"], strict=True)
                self._places[table] = dict(zip(cols["project_id"], places, strict=True))

    @property
    def trust_ids(self) -> bool:
        """Lake-shaped Parquet may name its own project ids only in an admin's or operator's run."""
        return self.user is None or self.user.role == "admin"

    def _inside(self, district: str | None, town: str | None) -> bool:
        user = self.user
        assert user is not None
        return (user.district is None or district == user.district) and (user.town is None or town == user.town)

    def _why_not(self, table: str, row: dict) -> str | None:
        """None when the row may be written, else why not (shown after the project's name)."""
        if not self._inside(row.get("district"), row.get("town")):
            place = f"{row.get('district') or ''}{row.get('town') or ''}"
            return place or "未写明所属区"
        old = self._places[table].get(row.get("project_id"))
        if old is not None and not self._inside(*old):
            return f"将替换{old[0] or ''}{old[1] or ''}的已有项目"
        return None

    def admit(self, result: FileResult) -> FileResult:
        """Drop the rows this user may not write; say which and why on the document."""
        if not self.scoped or result.status == "quarantined":
            return result
        refused: list[str] = []
        kept: dict[str, list[dict]] = {}
        for table in ("evaluations", "monitoring"):
            kept[table] = []
            for row in getattr(result, table):
                why = self._why_not(table, row)
                if why is None:
                    kept[table].append(row)
                else:
                    refused.append(f"{row.get('name') or row.get('project_id')}（{why}）")
        if not refused:
            return result
        projects = {e["project_id"] for e in kept["evaluations"]}
        result.evaluations, result.monitoring = kept["evaluations"], kept["monitoring"]
        result.rectifications = [r for r in result.rectifications if r["project_id"] in projects]
        more = f"等 {len(refused)} 个" if len(refused) > SHOWN_NAMES else ""
        message = (
            f"{len(refused)} 个项目不在您的权限范围（{label(self.user)}）内，未导入："
            f"{'、'.join(refused[:SHOWN_NAMES])}{more}"
        )
        doc = result.doc
        doc["records"] = len(result.evaluations) + len(result.monitoring)
        if doc["records"] == 0:
            return _refuse_all(result, message)
        doc["messages"] = [message, *doc["messages"]]
        doc["status"] = "warning"
        return result


def _refuse_all(result: FileResult, message: str) -> FileResult:
    """Nothing was in scope: the document is quarantined; its source lines stay for the record."""
    lines = result.lines
    result = quarantine(result.doc, message)
    result.lines = lines
    return result
