"""Readers: file bytes → a `Source`, the same stream of numbered lines of cells for every format.

Parsers never see a format. A line is what a clerk would point at: a text line, a table row, a
spreadsheet row, a PDF line or table row; `ref` says where ("第12行", "第3页第7行", "Sheet1!R5").
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


class Unreadable(Exception):
    """The file cannot be read as the format it claims; the message is for a clerk."""


class TooSlow(Unreadable):
    """Reading ran past the time limit."""


@dataclass
class Line:
    no: int  # 1-based position in the document's line list (what the lake's `lines` table keys)
    cells: list[str]  # raw cell texts (markup still in; parsers call textnorm)
    ref: str  # human pointer to the place in the original
    page: int | None = None

    @property
    def text(self) -> str:
        return "\t".join(self.cells)


@dataclass
class Source:
    lines: list[Line]
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)


class Deadline:
    """A wall-clock budget checked inside long loops (PDF pages, big sheets)."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.seconds = seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise TooSlow(f"解析超过 {self.seconds:.0f} 秒上限，已停止；请拆分文件后重新导入")


def numbered(rows: list[tuple[list[str], str, int | None]]) -> list[Line]:
    """Give rows their 1-based line numbers."""
    return [Line(i, cells, ref, page) for i, (cells, ref, page) in enumerate(rows, 1)]
