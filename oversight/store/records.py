"""What one input file becomes: its `documents` row and the lake rows read from it.

Ingestion produces these and the lake merges them; the record lives here so that storage never
imports ingestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileResult:
    doc: dict
    evaluations: list[dict] = field(default_factory=list)
    monitoring: list[dict] = field(default_factory=list)
    rectifications: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.doc["status"]
