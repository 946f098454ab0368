"""A document as one stream of cells, whatever its layout: TABs, ' | ', runs of spaces, one cell per
line or per paragraph. Header words split over two paragraphs are joined again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from oversight.ingest.reader import spaced, stacked, vocab
from oversight.ingest.reader.clean import clean, is_traditional
from oversight.ingest.readers import Line

_GAPS = re.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")  # columns laid out with runs of spaces


_PIPES = re.compile(r"^[\s|｜]*$")


_PIPE_SPLIT = re.compile(r"\s*[|｜]\s*")


_NUMERIC = re.compile(r"^[\d.,%万元亿\s\-—–/]+$")


_UNIT_ONLY = re.compile(r"^\((万元|元|亿元|%)\)$")


# Page furniture of an exported PDF: '- 3 -', '第 2 页 共 5 页', '2/5'. Never a cell.
_PAGE_MARK = re.compile(
    r"^(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$"
)
_TEMPLATE = re.compile(r"\((?:填写说明|填表说明|说明|注|包括|如|请)[^()]{0,200}\)")


@dataclass
class Tok:
    text: str
    line: Line
    brk: bool = False  # a row break: a blank paragraph or a line of bare '|'
    blank: bool = False  # (a break that is) an empty cell: a line holding only spaces, as Word exports one
    blanks_after: int = 0  # empty cells right after this one (a table one cell per line keeps its gaps)


@dataclass
class Value:
    field: str
    raw: str
    line: Line
    how: str  # label | column | table | prose | title
    unit: str | None = None  # the unit the label or column header states
    lines: list[Line] = field(default_factory=list)


def tokens(lines: list[Line]) -> list[Tok]:
    traditional = is_traditional("\n".join("\t".join(ln.cells) for ln in lines[:400]))
    lines = stacked.unstack(lines)  # words a PDF's layout wrapped inside their column
    cut: list[spaced.Cut] = []
    for line in lines:
        raw = "\t".join(line.cells)
        if not raw.strip() or _PIPES.match(raw):
            cut.append(spaced.Cut(line, None))
            continue
        piped = raw.rstrip().endswith("|") or " | " in raw
        texts: list[str] = []
        pieces: list[str] = []  # the line cut at every space: a wrapped header's or row's second line
        for cell in line.cells:
            for part in _PIPE_SPLIT.split(cell) if piped else _GAPS.split(cell):
                texts += _kept(spaced.split_cells(part, lambda x: clean(x, traditional)))
                pieces += _kept(clean(p, traditional) for p in part.split())
        grid = [clean(c, traditional) for c in line.cells] if len(line.cells) >= 3 and not piped else []
        cut.append(spaced.Cut(line, texts, pieces, grid))
    out: list[Tok] = []
    for c in spaced.join_wrapped(cut):
        if c.texts is None:
            raw = "\t".join(c.line.cells)
            out.append(Tok("", c.line, brk=True, blank=bool(raw) and not raw.strip() and "|" not in raw))
        else:
            out.extend(Tok(t, c.line) for t in c.texts)
    return _merge_split_words(out)


def _kept(texts: Iterable[str]) -> list[str]:
    """Cells without template notes and page furniture."""
    out = (_TEMPLATE.sub("", t) for t in texts)
    return [t for t in out if t and not _PAGE_MARK.match(t)]


def _merge_split_words(toks: list[Tok]) -> list[Tok]:
    """'年初' / '预算数' → '年初预算数'; '项目资金' / '(万元)' → '项目资金(万元)'."""
    out: list[Tok] = []
    blanks: dict[int, int] = {}  # position in words → empty cells after it
    words: list[Tok] = []
    for t in toks:
        if not t.brk:
            words.append(t)
        elif t.blank and words:
            blanks[len(words) - 1] = blanks.get(len(words) - 1, 0) + 1
    i = 0
    while i < len(words):
        t = words[i]
        if i in blanks:
            t.blanks_after = blanks[i]
            out.append(t)
            i += 1
            continue
        if i + 1 < len(words):
            nxt = words[i + 1]
            joined = t.text + nxt.text
            if _UNIT_ONLY.match(nxt.text) and not _NUMERIC.match(t.text):
                out.append(Tok(joined, t.line, blanks_after=blanks.get(i + 1, 0)))
                i += 2
                continue
            alone = vocab.label_of(t.text) or vocab.segment_columns(t.text)
            tail = len(nxt.text) <= 2 and not (vocab.label_of(nxt.text) or vocab.segment_columns(nxt.text))
            known = vocab.label_of(joined) or vocab.segment_columns(joined)
            # '年初' / '预算数' (a word cut before), or '年初预算' / '数' (a PDF's column wrapped after)
            if known and ((not alone and len(t.text) <= 4) or (tail and not _NUMERIC.match(nxt.text))):
                out.append(Tok(joined, t.line, blanks_after=blanks.get(i + 1, 0)))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def is_value_text(text: str) -> bool:
    return bool(_NUMERIC.match(text))


def funds_label(text: str) -> bool:
    return any(text.startswith(w) for w in vocab.rules()["funds"]["block_label"])
