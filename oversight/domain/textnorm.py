"""Source text → plain text, and the match keys labels and keywords are compared on.

Two forms of every string exist:
- *plain* text is what the lake stores: tags removed, entities decoded, checkboxes turned into
  ☑/☐, paragraphs as newlines, runs of spaces collapsed. Chinese punctuation is kept as written;
  only compatibility ideographs (PDF fonts emit ⽹ for 网, ⼼ for 心) are folded.
- a *key* is for matching only: NFKC (full-width → half-width) with all white space removed,
  so "选择重点跟踪 理由" and "选择重点跟踪理由" compare equal.
"""

from __future__ import annotations

import html
import re
import unicodedata

CHECKED = "☑"
UNCHECKED = "☐"

_SCRIPT = re.compile(r"<(script|style|head|title)\b.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|blockquote)\b[^>]*>",
    re.IGNORECASE,
)
_CELL = re.compile(r"<(?:td|th)\b[^>]*>", re.IGNORECASE)  # the opener only: one tab per cell
_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>")
_SPACES = re.compile(r"[ \t\u3000\xa0\u2002-\u200b\ufeff]+")
_WS = re.compile(r"\s+")
# Kangxi radicals, CJK radicals supplement, compatibility ideographs: folded even in plain text.
_COMPAT = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def _checkbox(match: re.Match[str]) -> str:
    tag = match.group(0).lower()
    if "checkbox" not in tag and "radio" not in tag:
        return ""
    return CHECKED if re.search(r"\bchecked\b", tag) else UNCHECKED


# CJK Radicals Supplement forms have no NFKC mapping, yet PDF fonts emit them for whole
# characters (部⻔ for 部门). The ones that stand for a common simplified character:
_RADICALS = str.maketrans(
    {
        "⻔": "门",
        "⻓": "长",
        "⻅": "见",
        "⻋": "车",
        "⻢": "马",
        "⻛": "风",
        "⻜": "飞",
        "⻚": "页",
        "⻥": "鱼",
        "⻦": "鸟",
        "⻬": "齐",
        "⻰": "龙",
        "⻩": "黄",
        "⻘": "青",
        "⺠": "民",
        "⻄": "西",
        "⻆": "角",
        "⻉": "贝",
        "⻨": "麦",
        "⻙": "韦",
        "⻝": "食",
        "⻣": "骨",
        "⻤": "鬼",
        "⻮": "齿",
        "⻳": "龟",
        "⺟": "母",
        "⻈": "讠",
    }
)


def fold_compat(text: str) -> str:
    """Fold compatibility ideographs and radicals to the ideographs they stand for."""
    return _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text.translate(_RADICALS))


def strip_tags(text: str, *, cells: bool = False) -> str:
    """Remove markup; block tags become newlines (and td/th tabs when ``cells``)."""
    for _ in range(3):  # entities can decode into new tags: strip until nothing is tag-shaped
        before = text
        text = _SCRIPT.sub("", text)
        text = _COMMENT.sub("", text)
        text = _INPUT.sub(_checkbox, text)
        text = _BLOCK.sub("\n", text)
        text = _CELL.sub("\t" if cells else " ", text)
        text = _TAG.sub("", text)
        text = html.unescape(text)
        if text == before:
            break
    return text


def plain(text: str | None) -> str:
    """Plain text as the lake stores it: no markup, paragraphs kept, spaces collapsed."""
    if not text:
        return ""
    text = fold_compat(strip_tags(str(text)))
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def key(text: str | None) -> str:
    """Matching key: NFKC, no white space, no markup."""
    if not text:
        return ""
    return _WS.sub("", unicodedata.normalize("NFKC", strip_tags(str(text))))


def one_line(text: str | None) -> str:
    """Plain text on a single line (names, units): newlines become nothing between CJK, else a space."""
    joined = join_wrapped(plain(text).split("\n"))
    return _CJK_GAP.sub("", joined)  # "华漕镇城市运行 管理中心": a wrap, not a word break


_CJK_EDGE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’、，。；：（）]")


_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


def join_wrapped(parts: list[str]) -> str:
    """Join lines broken by a layout (PDF cell wraps): no space between CJK, a space otherwise."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and not (_CJK_EDGE.match(out[-1]) or _CJK_EDGE.match(part[0])):
            out += " "
        out += part
    return out
