"""PDF with pdfplumber: ruled tables become cell rows, the text around them lines, page by page."""

from __future__ import annotations

import io
import logging
import time

from oversight.domain.textnorm import fold_compat, join_wrapped
from oversight.ingest.readers import Deadline, Source, Unreadable, numbered, ocr

MAX_PAGES = 500

# pdfminer warns about every odd font ("Could not get FontBBox…"): noise for a clerk.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _cell(text: str | None) -> str:
    # Inside a cell, a newline is a wrap of the layout, not a paragraph.
    return fold_compat(join_wrapped((text or "").split("\n")))


def read_pdf(data: bytes, deadline: Deadline) -> Source:
    if not data.startswith(b"%PDF-"):
        raise Unreadable("文件不是有效的 PDF（缺少 %PDF 文件头）；请确认文件格式后重新导入")
    import pdfplumber

    rows: list[tuple[list[str], str, int | None]] = []
    scanned: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise Unreadable(f"PDF 超过 {MAX_PAGES} 页上限；请拆分后重新导入")
            for page_no, page in enumerate(pdf.pages, 1):
                deadline.check()
                if not page.chars and page.images and ocr.available():
                    scanned.append(page_no)
                    lines = ocr.read_page(page, deadline.end - time.monotonic())
                    rows += [([t], f"第{page_no}页第{i}行{ocr.OCR_MARK}", page_no) for i, t in enumerate(lines, 1)]
                    continue
                items: list[tuple[float, list[str]]] = []
                tables = page.find_tables()
                for table in tables:
                    for row in table.rows:
                        texts = [_cell(page.crop(c).extract_text() if c else "") for c in row.cells]
                        items.append((row.bbox[1], texts))
                boxes = [t.bbox for t in tables]

                def outside(obj: dict, boxes: list = boxes) -> bool:
                    x = (obj["x0"] + obj["x1"]) / 2
                    y = (obj["top"] + obj["bottom"]) / 2
                    return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

                for line in page.filter(outside).extract_text_lines(return_chars=False):
                    items.append((line["top"], [fold_compat(line["text"])]))
                items.sort(key=lambda item: item[0])
                for i, (_, cells) in enumerate(items, 1):
                    rows.append((cells, f"第{page_no}页第{i}行", page_no))
    except Unreadable:
        raise
    except Exception as exc:  # pdfminer raises a zoo of types for broken files
        raise Unreadable(f"PDF 无法解析（{type(exc).__name__}）；文件可能损坏或加密") from exc
    if not any(any(c.strip() for c in cells) for cells, _, _ in rows):
        if not ocr.available():
            raise Unreadable("PDF 中没有可提取的文字（扫描件），本机未安装 OCR（tesseract 中文模型）；请提供文字版文件")
        raise Unreadable("PDF 中没有可提取的文字，OCR 也未识别出文字；请提供更清晰的扫描件或文字版文件")
    notes = []
    if scanned:
        pages = "、".join(map(str, scanned))
        notes.append(f"第{pages}页是扫描图像，文字由 OCR 识别（tesseract chi_sim）；其中读出的数值均标为待核对")
    return Source(numbered(rows), notes=notes)
