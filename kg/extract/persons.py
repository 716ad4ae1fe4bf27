"""Persons: officials by the patterns of news prose, and the article's bylines.

    title + name         和林格尔县委书记李六小表示 / 党组书记、局长韩文相说
    name + title         习近平总书记
    name ， org + title  刘大鹏，伊利集团副总裁
A name is a known surname and one or two more characters; its length is the
shortest one after which the sentence goes on with a boundary (punctuation,
a speech verb such as 说/表示, or a function word).  Once a name is known in
an article, its other occurrences are found too.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import PERSON, Article, Mention
from ..resolve.lexicon import load_surnames, load_titles
from .grammar import speech_verbs
from .alternation import longest_first
from .tokens import Token, dictionary_tag, ending_at

# What may follow a person's name.
_BOUNDARY_WORDS = ("在", "到", "于", "等", "和", "与", "及", "的", "对", "向", "为", "就", "带领", "率",
                   "来到", "先后", "深入", "一行", "同志", "也", "还", "又", "则", "都", "是", "已", "将", "代表")
_PUNCT = set("，。、；：？！“”‘’（）()《》:;,.!?\"' \n—")
# Characters that never end or fill a given name.
_NOT_NAME = set("的了在是和与及对为等说表示将也都就把被从向到")


@lru_cache(maxsize=1)
def _titles_re() -> re.Pattern:
    one = longest_first(load_titles())
    return re.compile(f"{one}(?:[、，,]{one})*")


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = load_surnames()
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


def _boundary_at(text: str, pos: int) -> bool:
    if pos >= len(text) or text[pos] in _PUNCT:
        return True
    rest = text[pos:pos + 4]
    return rest.startswith(speech_verbs()) or rest.startswith(_BOUNDARY_WORDS) or bool(_titles_re().match(text, pos))


def name_at(text: str, pos: int, after_title: bool = False) -> str | None:
    """The person's name starting at `pos`, if a surname starts there and a boundary ends it.

    Right after a title the name may run into the next word (总经理助理刘党旗感触颇深):
    then a two-character given name, the commonest, is taken.
    """
    single, double = _surnames()
    opening = dictionary_tag(text[pos:pos + 2])
    # 市委书记黄海涛表示: after a title, a three-character name may open like a place (黄海)
    place_like = after_title and opening == "ns" and text[pos] in single
    if opening is not None and not opening.startswith("nr") and not place_like:
        return None          # 项目, 毕业: a common word, not a surname and a name
    for surname in (text[pos:pos + 2], text[pos:pos + 1]):
        if (len(surname) == 2 and surname in double) or (len(surname) == 1 and surname in single):
            fallback = None
            for given in ((2,) if place_like else (1, 2)):
                end = pos + len(surname) + given
                name = text[pos:end]
                if end > len(text) or any(ch in _NOT_NAME or ch in _PUNCT or not _is_cjk(ch) for ch in name[len(surname):]):
                    break
                if _boundary_at(text, end):
                    return name
                if given == 2 and after_title and not place_like:
                    fallback = name
            if fallback:
                return fallback
    return None


_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "x"})

# 马库斯·韦伯, 安娜·施密特: a transliterated name, its parts joined by a middle dot.
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·・•‧][\u4e00-\u9fff]{1,8})+")
# Characters of transliterated Mongolian, Tibetan and Uyghur names (巴特尔, 其其格, 阿拉坦仓,
# 扎西顿珠, 古丽努尔): such a name has no Han surname and runs past three characters.
_TRANSLITERATION_CHARS = frozenset(
    "阿巴达尔格图乌兰其木娜仁斯琴高娃苏和朝鲁额敦毕力宝音德坦仓敖都呼日查干哈布赫吉雅萨那钦满拉孟陶克"
    "涛胡塔沁嘎玛卓次旦央金索朗扎西顿珠平措多姆买提艾依热合曼古丽努米帕夏孜穆罕默亚库普吐逊迪玉素甫沙"
    "汗别赛江莎丹增旺堆尼洛桑群培杰白曲珍云勒特花希泰包门")
_LONG_NAME = (3, 6)


def _whole_name_after_title(text: str, pos: int) -> str | None:
    """After a title, a dotted transliterated name, or a run of 3-6 transliteration characters
    up to punctuation or a speech verb (旗长巴特尔其其格说): the whole run is the name."""
    dotted = _DOTTED_NAME.match(text, pos)
    if dotted is not None:
        # the shortest last part after which the sentence goes on with a boundary (…施密特|介绍)
        last_dot = max(dotted.group().rfind(dot) for dot in "·・•‧")
        end = next((e for e in range(pos + last_dot + 2, dotted.end() + 1) if _dotted_boundary(text, e)), None)
        if end is not None:
            return text[pos:end]
    low, high = _LONG_NAME
    end = pos
    while end < min(len(text), pos + high) and text[end] in _TRANSLITERATION_CHARS:
        end += 1
        if end - pos >= low and (end >= len(text) or text[end] in _PUNCT or text.startswith(speech_verbs(), end)
                                 or _verb_after_run(text, end)):
            return text[pos:end]
    return None


def _dotted_boundary(text: str, end: int) -> bool:
    """A boundary after a part of a dotted name: not a function word that is a character of such
    names too (吾斯曼·阿不|都拉介绍, 其其格·苏|和): after it the name goes on."""
    if end >= len(text) or text[end] in _PUNCT or text.startswith(speech_verbs(), end):
        return True
    return _boundary_at(text, end) and text[end] not in _TRANSLITERATION_CHARS


def _verb_after_run(text: str, end: int) -> bool:
    """副市长阿拉坦仓|参加调研: the run ends where a verb of two characters starts (not a character
    of the name: 巴特尔|其其格)."""
    return text[end:end + 1] not in _TRANSLITERATION_CHARS and (dictionary_tag(text[end:end + 2]) or "").startswith("v")


def _name_before(text: str, end: int, tokens: list[Token]) -> str | None:
    """The name that ends at `end`, before a title (习近平总书记): a name-like word of the sentence."""
    token = ending_at(tokens, end)
    if token is None or token.tag not in _NAME_TAGS or not 2 <= len(token.text) <= 4:
        return None
    single, double = _surnames()
    name = token.text
    known_name = token.tag in ("nr", "nrfg", "nrt")      # jieba's dictionary knows it as a person's name
    if (known_name or name[:2] in double or name[:1] in single) and all(_is_cjk(ch) and ch not in _NOT_NAME for ch in name[1:]):
        return name
    return None


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _split_titles(chain: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[、，,]", chain) if t)


_NAME_INTRO = re.compile(r"——|—|：|:")


def find_officials(text: str, sentence: int, tokens: list[Token]) -> list[Mention]:
    out: list[Mention] = []
    for match in _titles_re().finditer(text):
        titles = _split_titles(match.group())
        name_start = match.end()
        intro = _NAME_INTRO.match(text, name_start)      # …主任——王建国。
        if intro:
            name_start = intro.end()
        name = _whole_name_after_title(text, name_start) or name_at(text, name_start, after_title=not intro)
        if name and (not intro or _boundary_at(text, name_start + len(name))):
            out.append(Mention(text=name, type=PERSON, name=name, sentence=sentence,
                               start=name_start, end=name_start + len(name), titles=titles))
            continue
        # 习近平总书记 / 刘大鹏，伊利集团副总裁 (the organization between is the caller's business)
        before = _name_before(text, match.start(), tokens)
        if before:
            start = match.start() - len(before)
            out.append(Mention(text=before, type=PERSON, name=before, sentence=sentence,
                               start=start, end=match.start(), titles=titles))
    out.extend(_appositions(text, sentence))
    out.extend(_dash_appositions(text, sentence))
    out.extend(_quoted_speakers(text, sentence))
    return out


# The verbs that say who spoke a quotation (“……。”王建国说): not 称, 等 or 同志, which follow
# other words too.
_QUOTE_VERBS = ("说", "表示", "介绍", "告诉记者", "坦言", "感慨", "笑着说")


def _quoted_speakers(text: str, sentence: int) -> list[Mention]:
    """“……。”陈卫东说: the name between a closing quotation mark and a verb of saying; the splitter
    leaves the mark with the quotation, so a sentence that is only 陈卫东说。 is such a name too."""
    out: list[Mention] = []
    if not any(v in text for v in _QUOTE_VERBS):
        return out            # no verb of saying: no speaker (most sentences; saves a name reading per quote)
    for start in [0] + [q.end() for q in re.finditer("[”\"]", text)]:
        name = name_at(text, start)
        verb = next((v for v in _QUOTE_VERBS if text.startswith(v, start + len(name or ""))), None)
        if not name or verb is None:
            continue
        after = start + len(name) + len(verb)
        if start == 0 and after < len(text) and text[after] not in "，。：:,":
            continue          # 王建国说起…: at a sentence's start only a speaker's 说 closes the clause
        out.append(Mention(text=name, type=PERSON, name=name, sentence=sentence, start=start,
                           end=start + len(name)))
    return out


def _dash_appositions(text: str, sentence: int) -> list[Mention]:
    """记者见到了王建国——某某有限公司总经理: a name before a dash, the clause after it a post."""
    out: list[Mention] = []
    for dash in re.finditer("——", text):
        found = _post_clause(text, dash.end())
        if found is None:
            continue
        for size in (3, 2, 4):
            start = dash.start() - size
            if start < 0 or start > 0 and text[start - 1] not in _PUNCT and text[start - 1] not in _NOT_NAME:
                continue
            candidate = text[start:dash.start()]
            if name_at(candidate + "，", 0) == candidate:
                out.append(Mention(text=candidate, type=PERSON, name=candidate, sentence=sentence, start=start,
                                   end=dash.start(), titles=_split_titles(found.group())))
                break
    return out


def _post_clause(text: str, start: int) -> re.Match | None:
    """The title that ends the clause from `start` (…公司总经理), when the clause is short."""
    clause_end = min((p for p in (text.find(stop, start) for stop in "，。；") if p != -1), default=len(text))
    clause = text[start:clause_end]
    found = [t for t in _titles_re().finditer(clause) if t.end() == len(clause)]
    return found[-1] if found and len(clause) <= 30 else None


# 刘大鹏，伊利集团副总裁 at the start of a clause or after 是 (说话的是刘大鹏，…); 刘大鹏是伊利集团副总裁
_APPOSITION_RE = re.compile(r"(?:^|(?<=[，。；：“”（）、\s是]))([\u4e00-\u9fff]{2,4})(?:[，,]|是)")


def _appositions(text: str, sentence: int) -> list[Mention]:
    """刘大鹏，伊利集团副总裁 / 刘大鹏是伊利集团副总裁: a name, a comma or 是, then a phrase
    ending in a title."""
    out: list[Mention] = []
    titles = _titles_re()
    for match in _APPOSITION_RE.finditer(text):
        candidate = match.group(1)
        clause_end = len(text)
        for stop in "，。；":
            pos = text.find(stop, match.end())
            if pos != -1:
                clause_end = min(clause_end, pos)
        clause = text[match.end():clause_end]
        found = [t for t in titles.finditer(clause) if t.end() == len(clause)]
        if not found or len(clause) > 30 or clause.startswith(("不", "并非", "而非")):
            continue          # 这是王明，不是局长
        name = name_at(candidate + "，", 0)
        if name != candidate:
            continue
        out.append(Mention(text=name, type=PERSON, name=name, sentence=sentence, start=match.start(1),
                           end=match.start(1) + len(name), titles=_split_titles(found[-1].group())))
    return out


def find_repeats(text: str, sentence: int, known: set[str], taken: list[tuple[int, int]]) -> list[Mention]:
    """Other occurrences in the article of names already found with a title."""
    out: list[Mention] = []
    for name in known:
        for match in re.finditer(re.escape(name), text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            if _boundary_at(text, match.end()):
                out.append(Mention(text=name, type=PERSON, name=name, sentence=sentence,
                                   start=match.start(), end=match.end()))
    return out


# ■ 新闻链接, ■ 相关阅读: a column's heading printed like a byline is no person.
_HEADING_WORDS = ("链接", "新闻", "阅读", "背景", "资料", "手记", "点评", "短评", "评论", "速览", "快讯", "提示",
                  "聚焦", "相关", "观察", "声音", "数读", "图解")


def byline_mentions(article: Article) -> list[Mention]:
    return [Mention(text=b.name, type=PERSON, name=b.name, sentence=-1, start=0, end=0,
                    titles=(b.role,), byline=True) for b in article.bylines
            if not any(word in b.name for word in _HEADING_WORDS)]
