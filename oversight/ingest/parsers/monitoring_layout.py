"""A tracking form's layout: records of labelled values, the header, and the narrative by section."""

from __future__ import annotations

import re

from oversight.domain.textnorm import key, plain
from oversight.ingest.parsers.common import Cell, match_label, split_inline
from oversight.ingest.readers import Line

_SECTION = re.compile(r"^[一二三四五六七八九十]+、(.+?)(?:[（(].*)?[:：]?$")


def form_rows(lines: list[Line]) -> tuple[list[dict[str, Cell]], list[Line], list[Line]]:
    """Records of labelled values, the header lines, and the narrative lines (sections 一、二、三)."""
    records: list[dict[str, Cell]] = []
    header: list[Line] = []
    narrative: list[Line] = []
    current: dict[str, Cell] | None = None
    for line in lines:
        cells = [c for c in line.cells if c.strip()]
        if not cells:
            continue
        pairs: list[tuple[tuple[str, str | None], list[str]]] = []
        for cell in cells:
            hit = match_label(cell, "monitoring")
            inline = None if hit else split_inline(cell, "monitoring")
            if hit:
                pairs.append((hit, []))
            elif inline:
                pairs.append(((inline[0], inline[1]), [inline[2]]))
            elif pairs:
                pairs[-1][1].append(cell)
        for (f, unit), values in pairs:
            if current is None or f in current:
                current = {}
                records.append(current)
            current[f] = Cell("\t".join(values), line, unit)
        found = bool(pairs)
        if not found:
            (narrative if "<p>" in line.text or current is not None else header).append(line)
    return records, header, narrative


def sections(narrative: list[Line]) -> dict[str, tuple[str, Line]]:
    """Narrative paragraphs grouped under their 一、二、三、 headings."""
    out: dict[str, tuple[str, Line]] = {}
    for line in narrative:
        title = "正文"
        for para in plain(line.text).split("\n"):
            m = _SECTION.match(para.strip())
            if m:
                title = key(m.group(1))
                out.setdefault(title, ("", line))
                continue
            text, first = out.get(title, ("", line))
            out[title] = (f"{text}\n{para}".strip(), first)
    return out
