"""The company a project is named after (伊利|液奶三期, 和林县|正邦|5万只奶山羊养殖基地项目,
天能重工|15万千瓦风电项目).  ANNOTATION.md: a company named only inside a project's name is
an Organization, and the project involves it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import ORGANIZATION, PROJECT, Mention
from ..resolve.gazetteer import load_gazetteer
from .grammar import STOP_TAGS, industry_words
from .project_grammar import brand_end, common_words, known_prefix
from .tokens import Token, ending_at, starting_at

# Facilities a company builds for itself; routes and networks (…铁路, …通道) are named after places.
_OWNED_ENDINGS = re.compile(r"(?:期|项目|工厂|车间|基地|产业园|产业城|数据中心|智算中心|牧场|生产线)$")
# Facilities named after the places they serve or join (南京禄口国际机场|三期, 徐圩港区|项目):
# their first word is a place, not an owner, even before a phase.
_PLACE_NAMED = re.compile(r"(?:机场|铁路|高铁|公路|高速|港区|港|码头|站|桥|水库|通道|管道|走廊|线|段|口岸|公园|景区|新区|园区|开发区|片区|枢纽)$")
_PARTS = re.compile(r"(?:[一二三四五六七八九十]+期)*(?:建设|扩建|改扩建)?(?:项目|工程)?$")
# An institution or company named with its ending inside a project's name (市中心医院|经开区分院,
# 内蒙古大学|新校区建设项目): the project is its own work.
_BODY_ENDINGS = (("医院", "Institution"), ("大学", "Institution"), ("学院", "Institution"),
                 ("研究院", "Institution"), ("研究所", "Institution"), ("学校", "Institution"),
                 ("有限公司", "Company"), ("公司", "Company"), ("集团", "Company"))
_BODY_SUBTYPES = ("GovernmentAgency", "PartyOrganization")


def owners_in_names(projects: list[Mention], places: list[Mention], tokens: dict[int, list[Token]],
                    orgs: list[Mention] = ()) -> list[Mention]:
    """The company whose name opens a project's name, after any place, or the institution or
    company named with its ending inside it.  When the article names that company in full
    elsewhere (正缘 and 正缘农牧业公司), the mention takes the full name."""
    out: list[Mention] = []
    texts: dict[int, str] = {}
    for project in projects:
        if project.type != PROJECT or not project.text:
            continue
        words = tokens.get(project.sentence, [])
        if project.sentence not in texts:
            texts[project.sentence] = _text_of(words)
        text = texts[project.sentence]
        if text[project.start:project.end] != project.text:
            continue
        owner = _brand_owner(project, places, words, text, orgs) or _body_inside(project, words)
        if owner is not None:
            out.append(owner)
    return out


def _brand_owner(project: Mention, places: list[Mention], words: list[Token], text: str,
                 orgs: list[Mention]) -> Mention | None:
    if not _OWNED_ENDINGS.search(project.name) or _PLACE_NAMED.search(_PARTS.sub("", project.name)):
        return None
    if project.name != project.text and not project.name.startswith(project.text):
        return None               # an item that took another's brand (奶粉二期 of 伊利奶粉二期)
    pos = project.start
    for place in sorted((p for p in places if p.sentence == project.sentence), key=lambda p: p.start):
        if place.start == pos and place.end < project.end:
            pos = place.end
    end = brand_end(text, words, pos, project.end, whole=project.name != project.text)
    if end is None:
        end = _brand_of_a_company(text, words, pos, project.end, orgs)
    if end is None:
        return None
    surface = text[pos:end]
    known = known_prefix(text[pos:project.end])
    if known is not None and known[0] == surface:
        return Mention(text=surface, type=ORGANIZATION, name=known[1].name, sentence=project.sentence,
                       start=pos, end=end, subtype=known[1].subtype)
    full = _named_in_full(surface, orgs, project.sentence)
    return Mention(text=surface, type=ORGANIZATION, name=full.name if full else surface,
                   sentence=project.sentence, start=pos, end=end,
                   subtype=(full.subtype if full else None) or "Company")


def _text_of(tokens: list[Token]) -> str:
    chars: list[str] = []
    for token in tokens:
        if token.start > len(chars):
            chars.extend(" " * (token.start - len(chars)))
        chars[token.start:token.end] = token.text
    return "".join(chars)


def _named_in_full(brand: str, orgs: list[Mention], sentence: int) -> Mention | None:
    """The company of the article whose name starts with `brand`, after the place its registered
    name opens with (正缘 -> 正缘农牧业公司, 华锐新能 -> 上海华锐新能科技有限公司): the one in the
    same sentence first, then the nearest, anywhere in the article."""
    fuller = [m for m in orgs if m.type == ORGANIZATION and m.subtype not in _BODY_SUBTYPES and m.text
              and m.name != brand and any(form.startswith(brand) for form in _forms(m))]
    if not fuller:
        return None
    return min(fuller, key=lambda m: (m.sentence != sentence, abs(m.sentence - sentence), -len(m.name)))


MIN_SHARED = 4


def _brand_of_a_company(text: str, words: list[Token], start: int, end: int, orgs: list[Mention]) -> int | None:
    """End of the brand that opens [start, end) when the article names its company in full
    (中科|锐能…项目 and 北京中科锐能科技有限公司): the longest run of whole words the project's name
    shares with a company's name after its places, if it opens with a word that is no industry's."""
    bounds = {t.end for t in words if start < t.end < end}
    first = starting_at(words, start)
    if first is None or first.text in industry_words() or first.text in common_words() \
            or first.tag in STOP_TAGS or any(ch.isdigit() for ch in first.text):
        return None
    best = None
    for org in orgs:
        if org.type != ORGANIZATION or org.subtype in _BODY_SUBTYPES or not org.text:
            continue
        name = _without_places(org.name)
        shared = 0
        while shared < len(name) and start + shared < end and name[shared] == text[start + shared]:
            shared += 1
        cut = max((b for b in bounds if b - start <= shared), default=None)
        if cut is not None and cut - start >= MIN_SHARED and not name.startswith(_legal_words(), cut - start) \
                and (best is None or cut > best):
            best = cut
    return best


def _legal_words() -> tuple[str, ...]:
    return ("有限", "股份", "集团", "公司")


def _forms(org: Mention) -> tuple[str, ...]:
    return (org.name, org.text, _without_places(org.name), _without_places(org.text))


MAX_PLACE = 8


@lru_cache(maxsize=1 << 16)      # a pure function of the name, asked for every company of an article per project
def _without_places(name: str) -> str:
    """`name` without the places (and countries) it opens with: a company registers its name
    with its province or city (广东|华锐新能科技有限公司, 日本|三和精工株式会社)."""
    gazetteer = load_gazetteer()
    stripped = True
    while stripped:
        stripped = False
        for size in range(min(len(name) - 2, MAX_PLACE), 1, -1):
            if gazetteer.lookup(name[:size]):
                name, stripped = name[size:], True
                break
    return name


def _body_inside(project: Mention, tokens: list[Token]) -> Mention | None:
    """The institution or company whose name, ending and all, opens the project's name."""
    best = None
    for ending, subtype in _BODY_ENDINGS:
        at = project.text.rfind(ending)
        end = project.start + at + len(ending) if at >= 2 else -1
        if at >= 2 and end <= project.end - 2 and ending_at(tokens, end) is not None \
                and (best is None or end > best[0]):
            best = (end, subtype)
    if best is None:
        return None
    surface = project.text[:best[0] - project.start]
    return Mention(text=surface, type=ORGANIZATION, name=surface, sentence=project.sentence,
                   start=project.start, end=best[0], subtype=best[1])
