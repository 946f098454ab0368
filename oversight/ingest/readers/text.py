"""Text formats: .txt, .md, .html, .csv. Encoding detected, never guessed silently."""

from __future__ import annotations

import csv
import io
import re
import unicodedata

from oversight.domain.textnorm import strip_tags
from oversight.ingest.readers import Source, Unreadable, numbered
from oversight.ingest.readers.htmlgrid import expand_spans

# Tried in order; GB18030 is a superset of GBK and GB2312.
ENCODINGS = ("utf-8", "gb18030")


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes → (text, encoding, notes). Raises Unreadable for bytes that are not text."""
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
    else:
        bom = False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
        notes.append("编码: UTF-16（按字节序标记识别）")
    else:
        for encoding in ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise Unreadable("不是可识别的文本编码（既不是 UTF-8 也不是 GB18030/GBK）；请另存为 UTF-8 后重新导入")
        if encoding == "utf-8" and bom:
            encoding = "utf-8-sig"
        if encoding != "utf-8":
            notes.append(f"编码: {encoding.upper()}（自动识别）")
    if _garbage_share(text) > 0.02:
        raise Unreadable(f"内容不是文本（按 {encoding} 解码后含大量控制字符或乱码）；请确认文件格式")
    return text, encoding, notes


def _garbage_share(text: str) -> float:
    sample = text[:200_000]
    if not sample:
        return 0.0
    bad = sum(
        1
        for ch in sample
        if (unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\x0c") or ch == "\ufffd"
    )
    return bad / len(sample)


def read_txt(data: bytes) -> Source:
    text, encoding, notes = decode(data)
    if _is_csv(text):  # a spreadsheet saved as text with commas: its cells, not one cell per line
        return read_csv(data)
    rows = [(line.rstrip("\r").split("\t"), f"第{i}行", None) for i, line in enumerate(text.split("\n"), 1)]
    return Source(numbered(rows), encoding, notes)


def _is_csv(text: str) -> bool:
    """Most lines are rows of one comma-separated width (≥ 4 cells) and none has a TAB."""
    lines = [ln for ln in text.split("\n")[:200] if ln.strip()]
    if len(lines) < 3 or "\t" in text[:20000]:
        return False
    widths = [len(row) for row in csv.reader(io.StringIO("\n".join(lines)))]
    common = max(set(widths), key=widths.count)
    return common >= 4 and widths.count(common) >= 0.8 * len(widths)


_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def read_md(data: bytes) -> Source:
    """Markdown: pipe-table rows become cells; separator rows are kept as empty lines."""
    text, encoding, notes = decode(data)
    rows = []
    for i, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if _MD_RULE.match(line):
            cells = [""]
        elif line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
        else:
            cells = line.split("\t")
        rows.append((cells, f"第{i}行", None))
    return Source(numbered(rows), encoding, notes)


def read_html(data: bytes) -> Source:
    """HTML: rows of tables become cell rows; other blocks become lines."""
    text, encoding, notes = decode(data)
    meta = re.search(rb'<meta[^>]+charset=["\']?([\w-]+)', data[:4096], re.IGNORECASE)
    if meta and meta.group(1).decode("ascii", "ignore").lower() in (
        "gbk",
        "gb2312",
        "gb18030",
    ):
        text, encoding = data.decode("gb18030", errors="replace"), "gb18030"
    text = expand_spans(text)  # spanned header and body cells keep their columns
    # Keep <p> inside a cell as a paragraph break we can find again, not a row break.
    text = re.sub(r"(?is)<td\b[^>]*>.*?</td>|<th\b[^>]*>.*?</th>", _protect_cell, text)
    flat = strip_tags(text, cells=True).replace("\u2029", "<p>")
    rows = []
    for line in flat.split("\n"):
        cells = [c.strip() for c in line.split("\t")]
        if line.startswith("\t"):  # the row's first cell opened the line: drop the opener's tab
            cells = cells[1:]
        if any(cells):
            rows.append((cells, f"第{len(rows) + 1}段", None))
    return Source(numbered(rows), encoding, notes)


def _protect_cell(match: re.Match[str]) -> str:
    inner = re.sub(r"(?i)</?(p|div|br)\b[^>]*>", "\u2029", match.group(0))
    return inner


def read_csv(data: bytes) -> Source:
    text, encoding, notes = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = [([c for c in row], f"第{i}行", None) for i, row in enumerate(reader, 1)]
    return Source(numbered(rows), encoding, notes)
