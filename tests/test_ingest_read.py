"""Reading files and folders: encodings, skipped files and their reasons, ids."""
from __future__ import annotations

import os

import pytest

from kg.ingest.read import InputError, read_inputs

SIMPLIFIED = "本报呼和浩特2月9日讯（记者 王雅静）为深入贯彻落实全区招商引资暨优化营商环境大会精神，全面提升招商引资成效。"
TRADITIONAL = "本報呼和浩特2月9日訊（記者 王雅靜）為深入貫徹落實全區招商引資暨優化營商環境大會精神，全面提升招商引資成效。"


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("codec, data, text", [
    ("utf-8", SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
    ("utf-8-sig", SIMPLIFIED.encode("utf-8-sig"), SIMPLIFIED),
    ("utf-16-le", b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED),
    ("utf-16-be", b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED),
    ("utf-32-le", b"\xff\xfe\x00\x00" + SIMPLIFIED.encode("utf-32-le"), SIMPLIFIED),
    ("gb18030", SIMPLIFIED.encode("gb18030"), SIMPLIFIED),
    ("big5", TRADITIONAL.encode("big5"), TRADITIONAL),
])
def test_each_encoding_is_decoded(tmp_path, codec, data, text):
    sources, skipped = read_inputs([write(tmp_path / "a.txt", data)])
    assert skipped == []
    assert [(s.encoding, s.text) for s in sources] == [(codec, text)]


def test_line_endings_become_newlines(tmp_path):
    path = write(tmp_path / "a.txt", "第一行\r\n第二行\r第三行\n".encode("gb18030"))
    (source,), _ = read_inputs([path])
    assert source.text == "第一行\n第二行\n第三行\n"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t\r\n", "empty file (only whitespace)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not text: looks like a PDF file"),
    (b"PK\x03\x04\x14\x00\x06\x00", "not text: looks like a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not text: looks like a PNG image"),
    (b"abc\x00\x01\x02" * 50, "not text: contains NUL bytes"),
    (bytes(range(0x80, 0x100)) * 20, "not text:"),
    ("正文\x01\x02\x03\x04\x05".encode() * 20, "not text: contains control characters"),
])
def test_unusable_files_are_skipped_with_a_reason(tmp_path, data, reason):
    path = write(tmp_path / "x.txt", data)
    sources, skipped = read_inputs([path])
    assert sources == []
    assert len(skipped) == 1 and skipped[0].path == str(path)
    assert skipped[0].reason.startswith(reason)


def test_missing_path_raises_input_error_naming_it(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match="nope.txt"):
        read_inputs([missing])


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    root = tmp_path / "in"
    write(root / "b.txt", "乙".encode())
    write(root / "a.txt", "甲".encode())
    write(root / "sub" / "c.txt", "丙".encode())
    write(root / ".git" / "config.txt", "隐".encode())
    write(root / ".hidden.txt", "隐".encode())
    sources, skipped = read_inputs([root])
    assert [s.text for s in sources] == ["甲", "乙", "丙"]
    assert skipped == []


def test_same_name_in_two_folders_gets_unique_ids(tmp_path):
    root = tmp_path / "in"
    write(root / "x" / "a.txt", "甲".encode())
    write(root / "y" / "a.txt", "乙".encode())
    write(root / "b.txt", "丙".encode())
    sources, _ = read_inputs([root])
    ids = [s.doc_id for s in sources]
    assert ids == ["b.txt", "in/x/a.txt", "in/y/a.txt"]
    assert read_inputs([root])[0][1].doc_id == ids[1]  # deterministic


def test_symlink_loop_is_survived(tmp_path):
    root = tmp_path / "in"
    write(root / "a.txt", "甲".encode())
    os.symlink(root, root / "loop")
    os.symlink(tmp_path / "nowhere", root / "dangling")
    sources, skipped = read_inputs([root])
    assert [s.text for s in sources] == ["甲"]
    reasons = {os.path.basename(s.path): s.reason for s in skipped}
    assert "loop" in reasons["loop"] and reasons["dangling"] == "broken symbolic link"


def test_the_same_file_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", "甲".encode())
    sources, skipped = read_inputs([path, path])
    assert len(sources) == 1 and "same file" in skipped[0].reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_reported(tmp_path):
    path = write(tmp_path / "a.txt", "甲".encode())
    path.chmod(0)
    sources, skipped = read_inputs([path])
    assert sources == [] and skipped[0].reason == "permission denied"


def test_unreadable_file_is_reported_when_open_fails(tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", "甲".encode())

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr("builtins.open", refuse)
    sources, skipped = read_inputs([path])
    assert sources == [] and skipped[0].reason == "permission denied"
