"""Read input files and folders into decoded texts.

Folders are walked recursively in name order; hidden files and folders (.git,
.DS_Store) are left out, symbolic links are followed once (a link loop is
reported, not followed), and every file that is not usable text is reported
with a plain reason instead of stopping the run.  A path that does not exist
is a user mistake: `InputError`, which the CLI turns into exit code 2.

Encodings tried, in order: a byte-order mark (UTF-8, UTF-16, UTF-32), strict
UTF-8, then GB18030 and Big5 (whichever gives the more common characters).
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.model import Skipped, SourceText


class InputError(Exception):
    """An input path that does not exist or cannot be used at all."""


class _NotText(Exception):
    """A file that is not readable text; the message is the reason shown to the user."""


# ---------------------------------------------------------------- finding files

@dataclass(frozen=True)
class _Found:
    path: str        # as given, or joined from the folder given
    relative: str    # path below the parent of the folder given (for unique ids)


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: str, base: str, seen_folders: set[tuple[int, int]],
          skipped: list[Skipped]) -> Iterator[_Found]:
    try:
        info = os.stat(folder)
    except OSError as error:
        skipped.append(Skipped(folder, _os_reason(error)))
        return
    key = (info.st_dev, info.st_ino)
    if key in seen_folders:
        skipped.append(Skipped(folder, "link to a folder already read (skipped to avoid a loop)"))
        return
    seen_folders.add(key)
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as error:
        skipped.append(Skipped(folder, _os_reason(error)))
        return
    for name in names:
        if _is_hidden(name):
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            yield from _walk(path, base, seen_folders, skipped)
        elif os.path.isfile(path):
            yield _Found(path, os.path.relpath(path, base))
        elif os.path.islink(path):
            skipped.append(Skipped(path, "broken symbolic link"))
        else:
            skipped.append(Skipped(path, "not a regular file"))


def _find(paths: Sequence[str | os.PathLike[str]], skipped: list[Skipped]) -> list[_Found]:
    found: list[_Found] = []
    seen_folders: set[tuple[int, int]] = set()
    for given in paths:
        path = os.fspath(given)
        if not os.path.lexists(path):
            raise InputError(f"no such file or folder: {path}")
        if os.path.isdir(path):
            base = os.path.dirname(os.path.abspath(path))
            found.extend(_walk(path, base, seen_folders, skipped))
        elif os.path.isfile(path):
            found.append(_Found(path, path))
        elif os.path.islink(path):
            raise InputError(f"broken symbolic link: {path}")
        else:
            skipped.append(Skipped(path, "not a regular file"))
    return found


def _doc_ids(found: list[_Found]) -> list[str]:
    """File names, made unique by their relative path when two files share a name."""
    names = Counter(os.path.basename(f.path) for f in found)
    ids = []
    for item in found:
        name = os.path.basename(item.path)
        ids.append(name if names[name] == 1 else _posix(item.relative))
    counts = Counter(ids)
    if any(n > 1 for n in counts.values()):
        ids = [i if counts[i] == 1 else _posix(os.path.normpath(f.path)) for i, f in zip(ids, found)]
    seen: Counter[str] = Counter()
    unique = []
    for doc_id in ids:  # last resort, deterministic: the same path given twice
        seen[doc_id] += 1
        unique.append(doc_id if seen[doc_id] == 1 else f"{doc_id}#{seen[doc_id]}")
    return unique


def _posix(path: str) -> str:
    path = os.path.normpath(path).replace(os.sep, "/")
    return path[2:] if path.startswith("./") else path


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read: {error.strerror or error}"


# ---------------------------------------------------------------- decoding

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel/EPUB document)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel document"),
    (b"SQLite format 3", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript file"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a media file (RIFF)"),
    (b"OggS", "an Ogg media file"),
    (b"wOFF", "a web font"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Characters a text file is made of; anything else in bulk means a wrong decoding.
_EXPECTED = re.compile(
    "[\t\n\r\x0c -~\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u2000-\u206f\u2100-\u22ff\u2460-\u27bf"
    "\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31c0-\u31ef\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f\U0001f000-\U0001faff]+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")
_MIN_EXPECTED = 0.97
_MAX_CONTROL = 0.001
_SAMPLE = 200_000     # characters looked at for plausibility
_SCORE_SAMPLE = 20_000
# Real Chinese text in its own charset scores above 0.8; random bytes about 0.2.
_MIN_COMMON = 0.4


def _few_controls(text: str) -> bool:
    sample = text[:_SAMPLE]
    return len(_CONTROL.findall(sample)) <= _MAX_CONTROL * len(sample) + 1


def _plausible(text: str) -> bool:
    """For guessed encodings: the text is made of the characters texts are made of."""
    sample = text[:_SAMPLE]
    if not sample:
        return True
    expected = sum(len(m) for m in _EXPECTED.findall(sample))
    return expected >= _MIN_EXPECTED * len(sample) and _few_controls(sample)


def _common_share(text: str, codec: str, first: int, last: int) -> float:
    """Share of ideographs among the 'common' block of a Chinese charset.

    GB2312 rows 0xB0-0xD7 hold the 3,755 most common simplified characters;
    Big5 0xA440-0xC67E the 5,401 most common traditional ones.  Text decoded
    with the wrong one of the two is mostly rare characters.
    """
    ideographs = _IDEOGRAPH.findall(text[:_SCORE_SAMPLE])
    if not ideographs:
        return 0.0
    common = 0
    for char in ideographs:
        try:
            code = int.from_bytes(char.encode(codec)[:2], "big")
        except UnicodeEncodeError:
            continue
        common += first <= code <= last
    return common / len(ideographs)


def _decode_chinese(data: bytes) -> tuple[str, str]:
    candidates = []
    for codec, first, last in (("gb18030", 0xB0A1, 0xD7FE), ("big5", 0xA440, 0xC67E)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            encoded_as = "gb2312" if codec == "gb18030" else codec
            candidates.append((_common_share(text, encoded_as, first, last), codec, text))
    if not candidates:
        raise _NotText("not text: unknown encoding (not UTF-8, GB18030 or Big5)")
    share, codec, text = max(candidates, key=lambda c: c[0])
    if share < _MIN_COMMON and _IDEOGRAPH.search(text[:_SCORE_SAMPLE]):
        raise _NotText("not text: decodes to implausible characters (a binary file?)")
    return text, codec


def _decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a file's bytes; raises _NotText with the reason."""
    if not data:
        raise _NotText("empty file")
    head = data[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise _NotText(f"not text: looks like {what}")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise _NotText(f"not text: starts like {codec} but does not decode as it") from None
            return text, codec
    if b"\x00" in data:
        raise _NotText("not text: contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_chinese(data)


def _to_text(data: bytes) -> tuple[str, str]:
    text, encoding = _decode(data)
    if not _few_controls(text):
        raise _NotText("not text: contains control characters (a binary file?)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _NotText("empty file (only whitespace)")
    return text, encoding


# ---------------------------------------------------------------- names as text

def _shown(path: str) -> str:
    """A path as text that can be written anywhere (UTF-8 files, IRIs, the terminal).

    A file name that is not UTF-8 reaches Python with lone surrogates, which no
    UTF-8 writer accepts; such a name (GBK from an old Windows archive, most
    often) is decoded as GB18030, or else with U+FFFD, one folder level at a time.
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return "/".join(_shown_part(part) for part in os.fsencode(path).split(b"/"))


def _shown_part(raw: bytes) -> str:
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


# ---------------------------------------------------------------- public

def read_inputs(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[SourceText], list[Skipped]]:
    """Decoded texts of the files and folders given, and what was skipped and why.

    Raises InputError when a path does not exist.  doc_id is the file name;
    files of the same name in different folders get their relative path.
    """
    skipped: list[Skipped] = []
    found = _find(paths, skipped)
    sources: list[SourceText] = []
    read_files: dict[str, str] = {}
    shown = [_Found(_shown(item.path), _shown(item.relative)) for item in found]
    for item, doc_id in zip(found, _doc_ids(shown)):
        real = os.path.realpath(item.path)
        if real in read_files:
            skipped.append(Skipped(item.path, f"same file as {_shown(read_files[real])}"))
            continue
        read_files[real] = item.path
        try:
            with open(item.path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            skipped.append(Skipped(item.path, _os_reason(error)))
            continue
        try:
            text, encoding = _to_text(data)
        except _NotText as reason:
            skipped.append(Skipped(item.path, str(reason)))
            continue
        sources.append(SourceText(doc_id=doc_id, path=_shown(item.path), text=text, encoding=encoding))
    return sources, [Skipped(_shown(s.path), s.reason) for s in skipped]
