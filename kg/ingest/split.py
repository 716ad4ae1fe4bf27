"""Split a normalized newspaper page into articles, and articles into sentences.

A page holds several articles.  One begins

* at a markdown heading (unless the heading only interrupts a sentence that
  goes on after it: a pull quote or a heading of another column),
* at a dateline (本报包头2月9日电, 本报讯, 新华社北京…电), a byline line
  (●本报记者 刘慧慧 耿欣) or a page jump (（上接第1版）), together with the
  short headline lines right before it,
* at a run of two or more headline lines (kicker, headline, ——subtitle)
  followed by text,
* after an author credit (…。（李海珍）) or a photo credit (本报记者 X 摄),
  which end an article; a photo caption is an article of its own.

Page furniture (page jumps, photo credits, page headers, editor lines) never
becomes a sentence; credits become bylines.

The text must be the output of `kg.ingest.normalize.normalize`: one
paragraph per line, full-width Chinese punctuation, no wrap spaces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.ingest.context import infer_context, masthead_paper
from kg.ingest.normalize import IDEOGRAPH, weighted_length
from kg.model import Article, Byline, Context, Sentence, SourceText

# ---------------------------------------------------------------- sentences

_TERMINATORS = "。！？!?"
_CLOSERS = "”’」』》）)】"
_SENTENCE = re.compile(f"[^{_TERMINATORS}]+(?:[{_TERMINATORS}]+[{_CLOSERS}]*)?|[{_TERMINATORS}]+[{_CLOSERS}]*")
_WORD = re.compile(r"\w")


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: split at 。！？ (closing quotes stay) and at line ends.

    A semicolon does not end a sentence; a sentence never spans two lines
    (paragraphs); pieces without a letter, digit or ideograph are dropped.
    """
    sentences = []
    for line in text.split("\n"):
        for match in _SENTENCE.finditer(line):
            sentence = match.group(0).strip()
            if sentence and _WORD.search(sentence):
                sentences.extend(_bounded(sentence))
    return sentences


MAX_SENTENCE = 600          # characters; news sentences are far shorter, a run-on page is not
_SOFT_BREAK = re.compile(r"[；;，,、：:\s]")


def _bounded(sentence: str) -> list[str]:
    """A sentence longer than MAX_SENTENCE (a page without 。, a table) is cut at the last
    semicolon or comma before the limit, so that no later stage works on an unbounded string."""
    pieces = []
    while len(sentence) > MAX_SENTENCE:
        cut = max((m.end() for m in _SOFT_BREAK.finditer(sentence, 0, MAX_SENTENCE)), default=MAX_SENTENCE)
        pieces.append(sentence[:cut])
        sentence = sentence[cut:]
    if sentence:
        pieces.append(sentence)
    return pieces


# ---------------------------------------------------------------- bylines

_BULLETS = "●■◎□▲◆★☆"

_ROLE_WORD = re.compile(r"(?P<role>(?:本报|新华社|特约|见习|首席|实习|全媒体|融媒体|摄影)*"
                        r"(?:记者|通讯员|实习生|摄影|编辑))")
_NAME = re.compile(f"[{IDEOGRAPH}·]{{1,8}}")
_PHOTO_MARK = frozenset({"摄", "摄影"})
AUTHOR = "作者"   # role of a name credited without a role: …。（李海珍）, ●正言
PHOTO = "摄"


def _role_of(word: str) -> str:
    if word.endswith("记者"):
        return "记者"
    if word.endswith("摄影"):
        return PHOTO
    for role in ("通讯员", "实习生", "编辑"):
        if word.endswith(role):
            return role
    return word


def _merge_split_names(names: list[str]) -> list[str]:
    """A one-character token is half of a name cut by a line wrap (宋 阿男, 石向 军)."""
    merged: list[str] = []
    index = 0
    while index < len(names):
        name = names[index]
        if len(name) == 1 and index + 1 < len(names) and len(names[index + 1]) <= 3:
            merged.append(name + names[index + 1])
            index += 2
            continue
        if len(name) == 1 and merged:
            merged[-1] += name
        else:
            merged.append(name)
        index += 1
    return merged


def parse_bylines(text: str, default_role: str = AUTHOR) -> list[Byline]:
    """Bylines of a credit: 记者 海军 通讯员 李汉磊 任子怡 / 本报记者 宋向华 通讯员 葛鑫 摄.

    A role word applies to the names after it; a final 摄 marks every name
    as a photographer too (the name then has its written role and 摄).
    """
    text = text.strip(" ●■◎□▲◆★☆（）()")
    photo = False
    for mark in sorted(_PHOTO_MARK, key=len, reverse=True):
        if text.endswith(mark) and not text.endswith("记者" + mark):
            text, photo = text[: -len(mark)].rstrip(), True
            break
    groups: list[tuple[str, list[str]]] = []
    role = default_role
    for token in text.split():
        found = _ROLE_WORD.search(token)
        if found:
            role = _role_of(found.group("role"))
            groups.append((role, []))
            token = token[found.end():]
            if not token:
                continue
        if not groups:
            groups.append((role, []))
        if _NAME.fullmatch(token):
            groups[-1][1].append(token)
    bylines: list[Byline] = []
    for group_role, names in groups:
        for name in _merge_split_names(names):
            if len(name) < 2:
                continue
            for byline_role in ([group_role, PHOTO] if photo and group_role != PHOTO else [group_role]):
                byline = Byline(name, byline_role)
                if byline not in bylines:
                    bylines.append(byline)
    return bylines


# ---------------------------------------------------------------- page furniture

_PAGE_JUMP = re.compile(
    r"[■●□◎]?\s*(?:[（(]\s*(?:上接|下转|接|转)\s*第?\s*[0-9一二三四五六七八九十百]+\s*版\s*[）)]"
    r"|(?:上接|下转)\s*第?\s*[0-9一二三四五六七八九十百]+\s*版)")
_PAGE_HEADER = re.compile(
    r"(?:\d{4}年\d{1,2}月\d{1,2}日\s*)?(?:星期|周)[一二三四五六日天]"
    r"|第?\s*[A-Z]?[0-9一二三四五六七八九十]{1,3}\s*版(?:\s*[：:|｜·]?\s*[" + IDEOGRAPH + r"]{0,6})?"
    r"|(?:责任编辑|责编|编辑|版式设计|版式|美编|校对|审校|终审|组版|制图|视觉设计)\s*[：:].*"
    r"|\d{1,3}"
    r"|[（(](?:完|终|全文完)[）)]")
_PAGE_HEADER_MAX = 30
_ROLE = _ROLE_WORD.pattern
_PHOTO_CREDIT_LINE = re.compile(f"[{_BULLETS}]?\\s*(?:{_ROLE}|[{IDEOGRAPH}·]{{2,8}}\\s)[{IDEOGRAPH}· ]*?\\s*摄(?:影)?")
_PHOTO_CREDIT_TAIL = re.compile(f"(?<=[。！？”])\\s*(?P<credit>{_ROLE}[{IDEOGRAPH}· ]{{1,40}}?\\s*摄(?:影)?)$")
_AUTHOR_CREDIT = re.compile(f"[（(](?P<names>[{IDEOGRAPH}·]{{2,6}}(?:\\s+[{IDEOGRAPH}·]{{2,6}}){{0,3}})[）)]$")
_AUTHOR_AFTER = frozenset("。！？!?”…")
_CAPTION_START = re.compile(r"图为")

# ---------------------------------------------------------------- article starts

_DATELINE = re.compile(
    f"[{_BULLETS}]?\\s*(?P<raw>(?:本报|新华社)(?:讯|(?!记者|通讯员)(?P<place>[{IDEOGRAPH}]{{2,10}}?)?"
    r"(?P<date>(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日)(?:讯|电)?))"
    r"\s*(?:[（(](?P<byline>[^（）()]{1,80})[）)])?")
_BYLINE_LINE = re.compile(f"[{_BULLETS}]?\\s*{_ROLE}|[{_BULLETS}]\\s*[{IDEOGRAPH}·]{{2,6}}$")
_HEADING = re.compile(r"(#{1,6})\s*")
_CUT_BYLINE = re.compile(r"\s*[（(][^（）()]{0,12}")
_HEADLINE_STOP = re.compile(r"[。！？!?；;，,]")
_HEADLINE_MAX = 40          # weighted characters of one headline line
_HEADLINE_LINES = 4         # kicker, headline lines, subtitle
_UNFINISHED_END = frozenset("，,、：:；;")

HEADING, HEADLINE, SUBTITLE = "heading", "headline", "subtitle"
DATELINE, BYLINE, JUMP = "dateline", "byline", "jump"
PHOTO_CREDIT, AUTHOR_CREDIT, FURNITURE, BODY = "photo", "author", "furniture", "body"
_HEADLINE_KINDS = (HEADING, HEADLINE, SUBTITLE)
_OPENING_KINDS = (DATELINE, BYLINE, JUMP)


@dataclass
class _Paragraph:
    text: str
    kind: str
    inline_photo: bool = False     # a caption ending in 本报记者 X 摄
    author_after: bool = False     # ends in an author credit: …。（李海珍）


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + "\"' ")
    return bool(stripped) and stripped[-1] in _TERMINATORS + "…"


_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"))


def _is_headline_text(text: str) -> bool:
    """Short, no full stop or comma, brackets closed: not a fragment of a column."""
    return (0 < weighted_length(text) < _HEADLINE_MAX and not _HEADLINE_STOP.search(text)
            and text[-1] not in _UNFINISHED_END
            and all(text.count(a) == text.count(b) for a, b in _PAIRS))


def _has_photo_credit_tail(text: str) -> bool:
    return text.endswith(("摄", "摄影")) and bool(_PHOTO_CREDIT_TAIL.search(text))


def _author_credit(text: str) -> re.Match[str] | None:
    """An author credit closing a paragraph: …。（李海珍）, or alone: （李海珍）."""
    if not text.endswith(("）", ")")):
        return None
    match = _AUTHOR_CREDIT.search(text)
    if not match:
        return None
    before = text[:match.start()].rstrip()
    return match if not before or before[-1] in _AUTHOR_AFTER else None


def _classify(text: str) -> _Paragraph:
    heading = _HEADING.match(text)
    if heading:
        body = text[heading.end():]
        if not body:
            return _Paragraph(text, FURNITURE)
        if not _ends_sentence(body):
            return _Paragraph(body, HEADING)
        text = body  # a sentence set as a heading by the PDF converter
    if not _WORD.search(text) or (len(text) <= _PAGE_HEADER_MAX and (
            _PAGE_HEADER.fullmatch(text) or masthead_paper(text))):
        return _Paragraph(text, FURNITURE)
    if _DATELINE.match(text):
        return _Paragraph(text, DATELINE)
    jump = _PAGE_JUMP.match(text)
    if jump:
        return _Paragraph(text, JUMP if text[jump.end():].strip() else FURNITURE)
    if weighted_length(text) <= _HEADLINE_MAX:
        if _PHOTO_CREDIT_LINE.fullmatch(text):
            return _Paragraph(text, PHOTO_CREDIT)
        if _AUTHOR_CREDIT.fullmatch(text):
            return _Paragraph(text, AUTHOR_CREDIT)
        if _BYLINE_LINE.match(text) and not _HEADLINE_STOP.search(text):
            return _Paragraph(text, BYLINE)
        if text.startswith("——") and _is_headline_text(text):
            return _Paragraph(text, SUBTITLE)
        if _is_headline_text(text):
            return _Paragraph(text, HEADLINE)
    return _Paragraph(text, BODY, inline_photo=_has_photo_credit_tail(text),
                      author_after=_author_credit(text) is not None)


def _drop_interrupting_headings(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Headings in the middle of a sentence belong to another column: drop them, rejoin the sentence.

    …分级负责，／#### 当作为开新局／共同谋划，合力推进。 reads 分级负责，共同谋划….
    """
    out: list[_Paragraph] = []
    index = 0
    while index < len(paragraphs):
        para = paragraphs[index]
        if para.kind != HEADING:
            out.append(para)
            index += 1
            continue
        end = index
        while end < len(paragraphs) and paragraphs[end].kind == HEADING:
            end += 1
        before = out[-1] if out else None
        after = paragraphs[end] if end < len(paragraphs) else None
        if (before is not None and after is not None and before.kind in (BODY, DATELINE, JUMP)
                and not _ends_sentence(before.text) and not before.author_after
                and not before.inline_photo and after.kind in (BODY, HEADLINE)):
            out[-1] = _classify(before.text + after.text)
            index = end + 1
            continue
        out.extend(paragraphs[index:end])
        index = end
    return out


def _is_first_text(paragraphs: list[_Paragraph], starts: set[int], index: int) -> bool:
    """Whether nothing but headlines and credits precede paragraph `index` in its article."""
    while index > 0 and index not in starts:
        index -= 1
        if paragraphs[index].kind in (BODY, DATELINE, JUMP):
            return False
    return True


def _headline_run_start(paragraphs: list[_Paragraph], index: int) -> int:
    """First of the headline lines right before paragraph `index` (at most four)."""
    start = index
    while (start > 0 and index - start < _HEADLINE_LINES
           and paragraphs[start - 1].kind in _HEADLINE_KINDS):
        start -= 1
    return start


def _article_starts(paragraphs: list[_Paragraph]) -> list[int]:
    starts = {0}
    count = len(paragraphs)
    for index, para in enumerate(paragraphs):
        kind = para.kind
        if kind in _OPENING_KINDS:
            starts.add(_headline_run_start(paragraphs, index))
        elif kind == HEADING and (index == 0 or paragraphs[index - 1].kind != HEADING):
            starts.add(index)
        elif kind in (HEADLINE, SUBTITLE) and (index == 0 or paragraphs[index - 1].kind not in _HEADLINE_KINDS):
            end = index
            while end < count and paragraphs[end].kind in (HEADLINE, SUBTITLE):
                end += 1
            if (end - index >= 2 and end < count and paragraphs[end].kind == BODY
                    and not any("、" in p.text for p in paragraphs[index:end])):
                starts.add(max(index, end - _HEADLINE_LINES))
        elif kind == PHOTO_CREDIT:
            caption = index - 1
            if (caption > 0 and paragraphs[caption].kind == BODY
                    and not _is_first_text(paragraphs, starts, caption)):
                starts.add(caption)
            starts.add(index + 1)
        elif kind == BODY and para.inline_photo:
            if not _is_first_text(paragraphs, starts, index):
                starts.add(index)
            starts.add(index + 1)
        elif kind == AUTHOR_CREDIT or (kind == BODY and para.author_after):
            starts.add(index + 1)
    return sorted(s for s in starts if s < count)


# ---------------------------------------------------------------- one article

@dataclass
class _Draft:
    headline: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    dateline: str | None = None
    place: str | None = None
    month_day: tuple[int, int] | None = None
    year: int | None = None

    def add_bylines(self, bylines: list[Byline]) -> None:
        self.bylines.extend(b for b in bylines if b not in self.bylines)


def _take_dateline(draft: _Draft, text: str) -> str:
    match = _DATELINE.match(text)
    assert match is not None
    if draft.dateline is None:
        draft.dateline = match.group("raw")
        draft.place = match.group("place")
        if match.group("month"):
            draft.month_day = (int(match.group("month")), int(match.group("day")))
        if match.group("year"):
            draft.year = int(match.group("year"))
    if match.group("byline"):
        draft.add_bylines(parse_bylines(match.group("byline"), "记者"))
    rest = text[match.end():]
    # A byline cut off by a column break: 本报乌兰察布2月9日电（记
    return "" if _CUT_BYLINE.fullmatch(rest) else rest


def _take_credits(draft: _Draft, text: str) -> str:
    """Move photo and author credits at the end of a paragraph into the bylines."""
    photo = _PHOTO_CREDIT_TAIL.search(text) if text.endswith(("摄", "摄影")) else None
    if photo:
        draft.add_bylines(parse_bylines(photo.group("credit")))
        text = text[:photo.start()]
    author = _author_credit(text)
    if author:
        draft.add_bylines(parse_bylines(author.group("names")))
        text = text[:author.start()]
    return text


def _draft(paragraphs: list[_Paragraph]) -> _Draft:
    draft = _Draft()
    leading = True
    for para in paragraphs:
        kind, text = para.kind, para.text
        if leading and kind in _HEADLINE_KINDS:
            draft.headline.append(text)
            continue
        leading = False
        if kind == FURNITURE:
            continue
        if kind in (BYLINE, PHOTO_CREDIT, AUTHOR_CREDIT):
            draft.add_bylines(parse_bylines(text))
            continue
        if kind == DATELINE:
            text = _take_dateline(draft, text)
        if "接" in text or "转" in text:
            text = _PAGE_JUMP.sub("", text)
        text = _take_credits(draft, text).strip()
        if text:
            draft.texts.append(text)
    return draft


def _article_context(document: Context, draft: _Draft) -> Context:
    year = draft.year if draft.year is not None else document.year
    date = document.date
    if draft.month_day is not None:
        month, day = draft.month_day
        date = f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"
    return replace(document, local=draft.place or document.local, date=date)


_LIST_MARK = re.compile(f"^(?:[{_BULLETS}]|——)+")
_MARK_START = frozenset(_BULLETS + "—")


def _sentences(draft: _Draft) -> tuple[Sentence, ...]:
    """Sentences of the article's text, without list marks (●, ——) and photo captions (图为…)."""
    texts = [_LIST_MARK.sub("", s) if s[0] in _MARK_START else s
             for s in split_sentences("\n".join(draft.texts))]
    texts = [s for s in texts if _WORD.search(s) and not _CAPTION_START.match(s)]
    return tuple(Sentence(index, text) for index, text in enumerate(texts))


# ---------------------------------------------------------------- public

def paragraphs_of(text: str) -> list[_Paragraph]:
    """The classified paragraphs of a normalized text (for inspection and tests)."""
    paragraphs = [_classify(line.strip()) for line in text.split("\n") if line.strip()]
    return _drop_interrupting_headings(paragraphs)


def split_document(source: SourceText, text: str, hint: Context | None = None) -> list[Article]:
    """The articles of one document; `text` is `normalize(source.text)`.

    Every article shares the document's newspaper, home and year (inferred
    unless `hint` gives them); `local` and `date` come from its own dateline.
    Articles without a sentence (a lone headline, a page header) are dropped.
    """
    paragraphs = paragraphs_of(text)
    starts = _article_starts(paragraphs)
    bounds = list(zip(starts, starts[1:] + [len(paragraphs)]))
    drafts = [_draft(paragraphs[a:b]) for a, b in bounds]
    datelines = [d.dateline for d in drafts if d.dateline]
    first_month = next((d.month_day[0] for d in drafts if d.month_day), None)
    document = infer_context(text, hint, month=first_month, datelines=datelines)
    articles: list[Article] = []
    for draft in drafts:
        sentences = _sentences(draft)
        if not sentences:
            continue
        articles.append(Article(
            doc_id=source.doc_id,
            index=len(articles),
            headline=" ".join(draft.headline),
            sentences=sentences,
            context=_article_context(document, draft),
            bylines=tuple(draft.bylines),
            dateline=draft.dateline,
        ))
    return articles
