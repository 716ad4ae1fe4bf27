"""Repair text extracted from newspaper PDF pages.

PDF extraction leaves three kinds of damage that every later stage trips over:

* spaces where a line was wrapped (招 商引资, 5842.2万 吨, 呼和浩 特);
* paragraphs cut by column and page breaks (呼和浩\\n\\n特), and paragraphs
  hard-wrapped at the column width with single newlines;
* ASCII punctuation and full-width letters mixed into Chinese text.

`normalize` repairs them without Unicode NFKC, which would also turn the
Chinese full-width punctuation (，：（）) into ASCII.  It is idempotent: the
decisions it takes depend only on features that its own output keeps (the last
and first characters of paragraphs, character counts that ignore spaces and
the width of punctuation), so a second run finds nothing left to do.

The output has one paragraph per line; a blank line separates paragraphs that
were separated by a blank line (or an indented line) in the input, so a
second run sees the same boundaries.
"""
from __future__ import annotations

import re

# ---------------------------------------------------------------- character classes

# Ideographs (CJK unified, extension A, compatibility, extensions B and later).
IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Characters that behave like ideographs for spacing: ideographs, CJK and
# full-width punctuation, curly quotes, dashes, ellipsis, middle dot and the
# geometric bullets (● ■ ◎ □) newspapers put before bylines.
WIDE = (IDEOGRAPH + "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
        "\u2010-\u2027\u2030-\u205e\u00b7\u25a0-\u25ff\u2605\u2606")

_WIDE_CHAR = re.compile(f"[{WIDE}]")
_IDEOGRAPH_CHAR = re.compile(f"[{IDEOGRAPH}]")
_ASCII_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")

# Invisible characters removed outright; other C0/C1 controls too (but not \n).
_DROP = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E]
    + [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)]
    + list(range(0x7F, 0xA0)))
_SPACES = dict.fromkeys([0x09, 0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000], " ")
_NEWLINES = dict.fromkeys([0x0B, 0x0C, 0x2028, 0x2029], "\n")
# Full-width letters and digits (Ａ１) -> ASCII; full-width punctuation stays.
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in
                    [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_CHAR_TABLE = str.maketrans({**_DROP, **_SPACES, **_NEWLINES, **_FULLWIDTH_ALNUM})

# ---------------------------------------------------------------- paragraph boundaries

# Line starts that always begin a new paragraph: headings, bullets, datelines,
# subtitles (——), page jumps, list items (一是 / （一） / 一、 / 1.).
_PARAGRAPH_START = re.compile(
    r"#|[●■◎□▲△◆◇★☆○•【]|本报|新华社|——|"
    r"[（(]?\s*(?:上接|下转|接第|转第)|"
    r"[（(][一二三四五六七八九十\d]{1,3}[)）]|"
    r"[一二三四五六七八九十]{1,3}(?:、|是[，,：:]?)|"
    r"\d{1,2}(?:、|[．.](?=[^\d\s]))|"
    r"图为")
# A paragraph ending like this ends a sentence (single-newline boundaries).
_SENTENCE_END = frozenset("。！？!?…")
# Across a blank line, a semicolon or colon also ends the paragraph.
_BLOCK_END = _SENTENCE_END | frozenset("；;：:")
_CLOSERS = "”’」』》〉）)】]\"'"
# An author credit after the last sentence: 。（李海珍）
_TRAILING_CREDIT = re.compile(r"[。！？!?…][”’\"']?\s*[（(][^（）()]{1,15}[)）]$")
_ROLE = r"(?:本报|新华社|特约|见习|首席|实习)*(?:记者|通讯员|实习生|摄影|编辑)"
# ●本报记者 刘慧慧 耿欣 / ■本报记者 宋向华 / ●正言 (a columnist's pen name)
_BYLINE_LINE = re.compile(rf"[●■◎□▲◆★☆]?\s*{_ROLE}|[●■◎□▲◆★☆]\s*[{IDEOGRAPH}·]{{2,6}}$")
_BYLINE_CONTINUATION = re.compile(_ROLE)
_PHOTO_CREDIT_END = re.compile(rf"{_ROLE}[^。！？!?，,]{{1,40}}摄(?:影)?$")

# Paragraphs shorter than this (in weighted characters) and without a full stop
# are headings, captions or credits: never glued to the next paragraph across
# a blank line.
_SHORT_PARAGRAPH = 40
# A headline that sits on its own line before a dateline.
_SHORT_HEADLINE = 30
# Up to this many headline lines (kicker, headline, subtitle) before a dateline.
_HEADLINE_LINES = 3
# A paragraph ending in one of these is unfinished whatever its length:
# no headline ends in a comma or in 的.
_CANNOT_END = frozenset("，,、的与及把将被从向由和在对")
_TERMINATOR = re.compile(r"[。！？!?]")
_FIRST_QUOTE = re.compile(r"[“”]")
_TAIL = 60  # enough characters of a paragraph's end for the end tests
# A non-empty line: its text, whether a blank line or an indent precedes it, its weighted length.
_Line = tuple[str, bool, float]


def weighted_length(text: str) -> float:
    """Length that spaces, punctuation width and ASCII/full-width forms do not change.

    An ASCII letter or digit counts half (it is half as wide as an ideograph on
    the page, which matters when comparing the widths of wrapped lines).
    """
    return len(text) - text.count(" ") - 0.5 * sum(map(len, _ASCII_ALNUM_RUN.findall(text)))


def _ends_paragraph(tail: str, enders: frozenset[str]) -> bool:
    if _TRAILING_CREDIT.search(tail):
        return True
    stripped = tail.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in enders


def _is_byline_line(text: str) -> bool:
    return weighted_length(text) <= _SHORT_PARAGRAPH and bool(_BYLINE_LINE.match(text))


def _is_headline_line(text: str, length: float) -> bool:
    return (length < _SHORT_HEADLINE and not _TERMINATOR.search(text)
            and not _ends_paragraph(text, _BLOCK_END))


def _is_headline_before_start(lines: list[_Line], index: int) -> bool:
    """Short unfinished lines (kicker, headline) followed by a dateline, byline or page jump."""
    for ahead in range(index, min(index + _HEADLINE_LINES, len(lines))):
        if not _is_headline_line(lines[ahead][0], lines[ahead][2]):
            return False
        if ahead + 1 < len(lines) and _PARAGRAPH_START.match(lines[ahead + 1][0]):
            return True
    return False


def _joiner(left: str, right: str) -> str:
    """Text glued back together: Latin words keep a space, everything else none."""
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return " "
    return ""


class _Paragraph:
    """A paragraph being glued together, with the few facts the boundary tests need.

    The facts are kept up to date as lines are added, so that a long run of
    wrapped lines costs linear time.
    """

    def __init__(self, line: str, blank_before: bool, length: float):
        self.pieces = [line]
        self.blank_before = blank_before
        self.head = line
        self.tail = line[-_TAIL:]
        self.length = length
        self.open_quotes = line.count("“") - line.count("”")
        self.has_terminator = bool(_TERMINATOR.search(line))

    @property
    def standalone(self) -> bool:
        return len(self.pieces) == 1

    def text(self) -> str:
        return "".join(self.pieces)

    def add(self, joiner: str, line: str, length: float) -> None:
        self.pieces.append(joiner + line)
        self.tail = (self.tail + joiner + line)[-_TAIL:]
        self.length += length
        self.open_quotes += line.count("“") - line.count("”")
        self.has_terminator = self.has_terminator or bool(_TERMINATOR.search(line))

    def is_byline(self) -> bool:
        return self.length <= _SHORT_PARAGRAPH and bool(_BYLINE_LINE.match(self.text()))

    def is_photo_credit(self) -> bool:
        return bool(_PHOTO_CREDIT_END.search(self.tail))

    def looks_like_heading(self) -> bool:
        return self.length < _SHORT_PARAGRAPH and not self.has_terminator

    def quote_continues_in(self, line: str) -> bool:
        """An open “ in the paragraph closed by the next line: 呼包鄂乌“四城通 / 办”，"""
        if self.open_quotes <= 0:
            return False
        first = _FIRST_QUOTE.search(line)
        return bool(first) and first.group(0) == "”"


def _keep_boundary(current: _Paragraph, nxt: str, nxt_length: float, blank: bool,
                   lines: list[_Line], index: int) -> bool:
    """Whether the line `nxt` (lines[index]) starts a new paragraph after `current`.

    Every test looks only at what the output keeps (first and last characters,
    weighted lengths, quotes), so a second run takes the same decisions.
    """
    if _PARAGRAPH_START.match(nxt) or current.head.startswith("#"):
        return True
    if _ends_paragraph(current.tail, _BLOCK_END if blank else _SENTENCE_END):
        return True
    if current.is_byline() or current.is_photo_credit():
        return True
    if (current.quote_continues_in(nxt) or current.tail[-1] in _CANNOT_END
            or nxt_length <= 1):  # a lone character is the end of a cut word
        return False
    if blank:
        return current.looks_like_heading() or _is_headline_before_start(lines, index)
    # A line much shorter than the next one is a heading, not a wrapped line;
    # only judged on a line that has not been glued to anything yet.
    return current.standalone and current.length < 0.6 * nxt_length


def _raw_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = True
    for line in text.split("\n"):
        stripped = line.strip(" ")
        if not stripped:
            blank = True
            continue
        lines.append((stripped, blank or line[0] == " ", weighted_length(stripped)))
        blank = False
    return lines


def _paragraphs(text: str) -> list[_Paragraph]:
    """Glue wrapped lines and broken paragraphs back together."""
    lines = _raw_lines(text)
    if not lines:
        return []
    out: list[_Paragraph] = []
    current = _Paragraph(lines[0][0], True, lines[0][2])
    for index in range(1, len(lines)):
        nxt, blank, length = lines[index]
        if (not blank and current.is_byline() and _BYLINE_CONTINUATION.match(nxt)
                and _is_byline_line(nxt)):
            # ■本报记者 宋向华 / 通讯员 葛鑫 摄: one credit wrapped over two lines.
            current.add(" ", nxt, length)
        elif _keep_boundary(current, nxt, length, blank, lines, index):
            out.append(current)
            current = _Paragraph(nxt, blank, length)
        else:
            current.add(_joiner(current.tail, nxt), nxt, length)
    out.append(current)
    return out


# ---------------------------------------------------------------- punctuation

_TO_FULLWIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_CONVERTIBLE = re.compile(r"[,;:!?()]")
_WIDE_BELOW_CJK = frozenset(c for c in map(chr, range(0x2E80)) if _WIDE_CHAR.match(c))


def _is_wide(char: str) -> bool:
    """Chinese and other East Asian characters and punctuation (one character or '')."""
    return char >= "\u2e80" or char in _WIDE_BELOW_CJK


def _left_of(chars: list[str], index: int) -> str:
    index -= 1
    while index >= 0 and chars[index] == " ":
        index -= 1
    return chars[index] if index >= 0 else ""


def _right_of(chars: list[str], index: int) -> str:
    index += 1
    while index < len(chars) and chars[index] == " ":
        index += 1
    return chars[index] if index < len(chars) else ""


def _paren_partners(chars: list[str], candidates: list[int]) -> dict[int, int]:
    partner: dict[int, int] = {}
    stack: list[int] = []
    for index in candidates:
        if chars[index] == "(":
            stack.append(index)
        elif chars[index] == ")" and stack:
            opening = stack.pop()
            partner[opening], partner[index] = index, opening
    return partner


def _fullwidth_punctuation(line: str) -> str:
    """ASCII , ; : ! ? ( ) next to Chinese -> full-width; 1,000 and 12:30 stay.

    A mark converts when the nearest non-space character on either side is
    wide (Chinese); a pair of parentheses converts together, also when it
    encloses Chinese.  A converted mark makes its neighbours convertible, so
    the scan repeats until nothing changes.
    """
    candidates = [m.start() for m in _CONVERTIBLE.finditer(line)]
    if not candidates:
        return line
    chars = list(line)
    partner = _paren_partners(chars, candidates)
    pending = candidates
    while pending:
        still = []
        for index in pending:
            char = chars[index]
            if char not in _TO_FULLWIDTH:
                continue
            if index in partner:
                opening, closing = sorted((index, partner[index]))
                if (_IDEOGRAPH_CHAR.search(line, opening + 1, closing)
                        or _is_wide(_left_of(chars, opening)) or _is_wide(_right_of(chars, closing))):
                    chars[opening], chars[closing] = "（", "）"
                    continue
            elif _next_to_wide(chars, index):
                chars[index] = _TO_FULLWIDTH[char]
                continue
            still.append(index)
        if len(still) == len(pending):
            break
        pending = still
    return "".join(chars)


def _next_to_wide(chars: list[str], index: int) -> bool:
    left = chars[index - 1] if index else ""
    if left == " ":
        left = _left_of(chars, index)
    if left >= "\u2e80" or left in _WIDE_BELOW_CJK:
        return True
    right = chars[index + 1] if index + 1 < len(chars) else ""
    if right == " ":
        right = _right_of(chars, index)
    return right >= "\u2e80" or right in _WIDE_BELOW_CJK


_CLOSING_CONTEXT = frozenset("，。、；：！？,.;:!?)）")


def _curly_quotes(block: str) -> str:
    """Pair ASCII double quotes as “…” (called on Chinese documents only).

    With an odd number of quotes one of them lost its partner in a page or
    column break; a first quote followed by punctuation (or after a full stop)
    closes a quotation that began in an earlier block.
    """
    if '"' not in block:
        return block
    parts = block.split('"')
    opening = True
    if len(parts) % 2 == 0:
        before = parts[0].rstrip(" ")[-1:]
        after = parts[1].lstrip(" ")[:1]
        opening = not (before in _SENTENCE_END or not after or after in _CLOSING_CONTEXT)
    out = [parts[0]]
    for part in parts[1:]:
        out.append(("“" if opening else "”") + part)
        opening = not opening
    return "".join(out)


# ---------------------------------------------------------------- spaces

_PROTECTED_SPACE = "\x01"   # control characters are gone by now, so this is free
# Bylines keep the spaces between names: （记者 海军 通讯员 李汉磊 任子怡）.
_BYLINE_PAREN = re.compile(rf"（\s*{_ROLE}[^（）]{{0,80}}）")
_PHOTO_CREDIT = re.compile(rf"{_ROLE}[ {IDEOGRAPH}·]{{1,60}}?摄(?:影)?(?! *[{IDEOGRAPH}])")


_PRINTABLE_ASCII = frozenset(map(chr, range(0x21, 0x7F)))


def _wrap_space(match: re.Match[str]) -> str:
    """A wrap space: wide on one side, wide or printable ASCII on the other."""
    string, start, end = match.string, match.start(), match.end()
    if not start or end == len(string):
        return match.group(0)
    left, right = string[start - 1], string[end]
    left_wide = left >= "\u2e80" or left in _WIDE_BELOW_CJK
    right_wide = right >= "\u2e80" or right in _WIDE_BELOW_CJK
    if (left_wide and (right_wide or right in _PRINTABLE_ASCII)) or (right_wide and left in _PRINTABLE_ASCII):
        return ""
    return match.group(0)


# In headlines a space between two words of two or more ideographs is a separator
# (雪后大青山 麋鹿自在游); between single characters it is a wrap (技 服 务).
_HEADLINE_WORD_SPACE = re.compile(f"(?<=[{IDEOGRAPH}]{{2}}) +(?=[{IDEOGRAPH}]{{2}})")
_HEADING_PREFIX = re.compile(r"(#{1,6}) +")
_MULTI_SPACE = re.compile(" {2,}")
_HEADLINE_STOP = re.compile(r"[。！？!?；;]")
# Cheap test before the byline patterns: every role word has one of these.
_ROLE_HINT = re.compile("[记讯习摄编]")
_SPACE_RUN = re.compile(" +")


def _protect(match: re.Match[str]) -> str:
    text = match.group(0)
    inner = re.sub(r" +", _PROTECTED_SPACE, text)
    inner = inner.replace("（" + _PROTECTED_SPACE, "（").replace(_PROTECTED_SPACE + "）", "）")
    return inner


def _is_headline(line: str) -> bool:
    return weighted_length(line) <= _SHORT_HEADLINE and not _HEADLINE_STOP.search(line)


def _remove_wrap_spaces(line: str) -> str:
    if " " not in line:
        return line
    prefix = ""
    heading = _HEADING_PREFIX.match(line)
    if heading:
        prefix, line = heading.group(1) + " ", line[heading.end():]
    if _ROLE_HINT.search(line):
        if _is_byline_line(line):
            line = _SPACE_RUN.sub(_PROTECTED_SPACE, line)
        else:
            line = _BYLINE_PAREN.sub(_protect, line)
            line = _PHOTO_CREDIT.sub(_protect, line)
    if len(line) <= 2 * _SHORT_HEADLINE and _is_headline(line):
        line = _HEADLINE_WORD_SPACE.sub(_PROTECTED_SPACE, line)
    line = _SPACE_RUN.sub(_wrap_space, line)
    if "  " in line:
        line = _MULTI_SPACE.sub(" ", line)
    if _PROTECTED_SPACE in line:
        line = line.replace(_PROTECTED_SPACE, " ")
    return prefix + line.strip(" ")


def _clean_paragraph(line: str) -> str:
    line = _fullwidth_punctuation(line)
    return _remove_wrap_spaces(line)


# ---------------------------------------------------------------- public

_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n")


def _pair_quotes_per_block(text: str) -> str:
    """Pair quotes before broken paragraphs are glued, so one lost quote stays local.

    Only in a document with Chinese in it (a property no repair changes, so
    that a second run agrees).
    """
    if '"' not in text or not _IDEOGRAPH_CHAR.search(text):
        return text
    return "\n\n".join(_curly_quotes(block) for block in _BLANK_LINES.split(text))


_NEEDS_TRANSLATION = re.compile("[" + "".join(
    re.escape(chr(c)) for c in sorted(set(_DROP) | set(_SPACES) | set(_NEWLINES) | set(_FULLWIDTH_ALNUM))) + "]")
# Rounds of repair before giving up on a fixed point (two in practice: the
# second finds nothing to do).
_MAX_ROUNDS = 4


def normalize(text: str) -> str:
    """Repair PDF-extracted Chinese news text; see the module documentation.

    The repair is designed to leave its own output unchanged; a second round
    on the result makes sure of it for the odd input where gluing two lines
    creates a new reason to glue (the output is then a fixed point).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NEEDS_TRANSLATION.search(text):
        text = text.translate(_CHAR_TABLE)
    text = _pair_quotes_per_block(text)
    text = _repair(text)
    for _ in range(_MAX_ROUNDS - 1):
        if _is_settled(text):
            break
        text = _repair(text)
    return text


def _is_settled(text: str) -> bool:
    """Whether a repaired text is left as it is by another repair.

    Cleaning a paragraph twice changes nothing, and the repair writes
    paragraphs with exactly the separators it reads back; so the text is
    settled when no two of its lines would be glued together.
    """
    return all(paragraph.standalone for paragraph in _paragraphs(text))


def _repair(text: str) -> str:
    pieces: list[str] = []
    for paragraph in _paragraphs(text):
        cleaned = _clean_paragraph(paragraph.text())
        if not cleaned:
            continue
        if pieces:
            pieces.append("\n\n" if paragraph.blank_before else "\n")
        pieces.append(cleaned)
    return "".join(pieces)
