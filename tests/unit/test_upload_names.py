"""Uploaded file names the file system accepts, and a batch that survives one file failing to save."""

from __future__ import annotations

from pathlib import Path

import pytest

from oversight.ingest.uploads import MAX_NAME_BYTES, safe_name, save

LONG = "上海市嘉定区" + "关于二〇一八年度财政支出项目绩效评价结果的公告" * 12 + "六" * 18  # 300 characters


def test_the_long_name_is_300_characters() -> None:
    assert len(LONG) == 300


def test_a_long_name_is_shortened_keeping_its_extension() -> None:
    name = safe_name(LONG + ".txt")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith(".txt")
    assert name.startswith("上海市嘉定区关于")


def test_two_long_names_that_start_alike_stay_apart() -> None:
    assert safe_name(LONG + "甲.txt") != safe_name(LONG + "乙.txt")


def test_a_short_name_is_kept_as_given() -> None:
    assert safe_name("2018年 评价结果(终稿).docx") == "2018年 评价结果(终稿).docx"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("C:\\Users\\clerk\\结果.pdf", "结果.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("结\x00果\n.txt", "结果.txt"),
        ("..", "未命名"),
        ("   ", "未命名"),
    ],
)
def test_folders_and_control_characters_are_dropped(given: str, expected: str) -> None:
    assert safe_name(given) == expected


def test_a_long_extension_is_not_kept_as_one() -> None:
    name = safe_name("a." + "x" * 300)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.rsplit("~", 1)[1].isalnum()  # ends in the hash, not in a cut-off "extension"


def test_save_writes_every_file_it_can(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        if "坏" in self.name:
            raise OSError(28, "No space left on device")
        return write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    saved, failed = save([(LONG + ".txt", b"a"), ("坏.txt", b"b"), ("好.txt", b"c")], tmp_path)
    assert [s.name for s in saved] == [LONG + ".txt", "好.txt"]
    assert [s.path.read_bytes() for s in saved] == [b"a", b"c"]
    assert failed == [("坏.txt", "文件未能保存（No space left on device），未导入")]
