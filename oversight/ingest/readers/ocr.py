"""Scanned PDF pages (images, no text layer) read by OCR: Debian's tesseract with its chi_sim model.

The engine and its Chinese model are system packages (tesseract-ocr, tesseract-ocr-chi-sim); nothing
is downloaded at run time. Lines read this way carry '（OCR）' in their reference, so every value
read from them is marked as OCR-read and below "sure".
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import lru_cache

OCR_MARK = "（OCR）"
# tesseract reads the blank between two table cells as a stray quote mark: '项目名称 ”社区…'.
_STRAY = re.compile(r"(?<=\s)[”“\"'‘’]+")
RESOLUTION = 300  # dpi: tesseract reads 10-point Chinese reliably from about 300


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether tesseract and its simplified-Chinese model are installed."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "chi_sim" in out.stdout.split()


def read_page(page: object, seconds: float) -> list[str]:
    """One pdfplumber page → its text lines by OCR; [] when the engine finds nothing in time."""
    image = page.to_image(resolution=RESOLUTION).original  # type: ignore[attr-defined]
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PNG")
    try:
        out = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6"],
            input=buf.getvalue(),
            capture_output=True,
            timeout=max(1.0, seconds),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return []
    text = out.stdout.decode("utf-8", errors="replace")
    return [t for line in text.splitlines() if (t := _STRAY.sub("", line).strip())]
