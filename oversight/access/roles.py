"""Roles and scope: who a user is, what they may do, and which district or town bounds them."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("viewer", "editor", "admin")


@dataclass(frozen=True)
class User:
    name: str
    role: str = "viewer"
    district: str | None = None
    town: str | None = None

    @property
    def scope(self) -> dict[str, str | None]:
        """The query parameters that bound everything this user reads or writes."""
        return {"scope_district": self.district, "scope_town": self.town}

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "admin")
