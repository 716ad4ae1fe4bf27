"""Short forms of the organizations an article names in full, found where the article uses them.

A newspaper names a company in full once (吉林恒拓碳纤维股份有限公司, 佛山市精研智能装备
有限公司（以下简称精研智能）) and by a short form after that (恒拓碳纤维总经理刘志远说,
精研智能营业收入达到…).  Without a mention there, the official's organization and the
company's figures are lost.  The short forms of an organization named in full are

- the one the article declares right after the name: （以下简称X）, （简称“X”）, （下称X）;
- for a company, its name without the legal endings (一汽解放 of 一汽解放集团股份有限公司),
  then also without the places it opens with (恒拓碳纤维 of 吉林恒拓碳纤维股份有限公司),
  then also without a generic trade word at its end (瑞澜新材料 of 吉林省瑞澜新材料科技
  有限公司).

Within one article that is safe: the full name is there, so the short form names it.  Across
articles kg keeps a city before a company's name (北京城建 and 上海城建 differ; see
kg.resolve.entities).  A derived form has at least MIN_DERIVED characters, is neither a place
nor a word of the dictionary, and holds a word that names (恒拓, 一汽, 星沙: not 城市建设 of
呼和浩特市城市建设投资有限公司, whose words are all ordinary); a company whose name is only a
place and such words (内蒙古电力集团) has none.  A form two organizations of the article
share is taken for neither.  A short form is found where words
start and end, outside every mention found before; an organization another recognizer found
by a short form and named by it (天驰新能源 in （以下简称天驰新能源）) takes the full name.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import ORGANIZATION, Mention
from ..resolve.lexicon import without_endings
from .tokens import Tokens, dictionary_tag, tokenize

COMPANY = "Company"
MIN_DERIVED = 3
# （以下简称“精研智能”）: the form an article declares for a name it has just given.
_DECLARED = re.compile(r"[（(]\s*(?:以下简称|以下称|下称|简称)\s*[：:]?\s*[“\"「『]?"
                       r"([^”\"」』（）()，,、。；：\s]{2,12}?)[”\"」』]?\s*[）)]")
# Words that say what trade a company is in, not which company it is (…新材料科技有限公司).
_TRADE_WORDS = ("科技", "技术", "实业", "发展", "控股", "投资", "贸易", "国际", "装备", "产业", "股份")
_MAX_PLACE = 6


# The legal and group endings of a company's name, longest first.  Not the trade words among
# kg's organization suffixes (能源, 实业): 天驰新能源 must not lose its 能源.
_LEGAL_ENDINGS = ("集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "股份公司",
                  "集团公司", "总公司", "公司", "集团", "控股")


def declared_form(text: str, end: int) -> str | None:
    """The short form declared right after a name that ends at `end`, if any."""
    match = _DECLARED.match(text, end)
    return match.group(1) if match else None


def derived_forms(name: str, gazetteer) -> list[str]:
    """The short forms of a company's full name, longest first (see the module's docstring)."""
    core = without_endings(name, _LEGAL_ENDINGS)
    if core == name:
        return []
    forms = [core]
    outer: list = []
    while True:                 # 吉林省, then 长春市 in it, written in full (not 天山 of 新疆天山陆港物流)
        length, places = next(((n, found) for n in range(min(_MAX_PLACE, len(core) - 1), 1, -1)
                               if (found := gazetteer.lookup(core[:n]))), (0, []))
        if not length or outer and not _inside(places, core[:length], outer, gazetteer):
            break
        core, outer = core[length:], places
        forms.append(core)
    if len(core) < MIN_DERIVED or gazetteer.lookup(core):
        return []               # 内蒙古电力 -> 电力: nothing left that names the company by itself
    trade = next((w for w in _TRADE_WORDS if core.endswith(w)), None)
    if trade is not None:
        forms.append(core[: -len(trade)])
    return [f for f in dict.fromkeys(forms)
            if len(f) >= MIN_DERIVED and f != name and not gazetteer.lookup(f) and dictionary_tag(f) is None
            and any(t.tag in _NAMING_TAGS for t in tokenize(f))]


# Tags of the words that name a company (恒拓, 一汽, 北辰, 星沙), as against ordinary words
# (城市, 建设, 文化, 旅游): jieba's tags of names and of words it does not know.
_NAMING_TAGS = frozenset({"nr", "nrfg", "nrt", "nz", "nt", "j", "x", "eng"})


def _inside(places: list, surface: str, outer: list, gazetteer) -> bool:
    keys = {p.key for p in outer}
    return any(p.name == surface and any(a.key in keys for a in gazetteer.ancestors(p.key)) for p in places)


def short_forms(texts: dict[int, str], found: list[Mention], gazetteer) -> dict[str, Mention]:
    """Short form -> the mention of the organization named in full that it stands for."""
    named = [m for m in found if m.type == ORGANIZATION and m.text and not m.deictic and not m.embedded]
    owners: dict[str, dict[str, Mention]] = {}      # short form -> organization's name -> its mention
    for m in named:
        form = declared_form(texts[m.sentence], m.end)
        if form is not None and form != m.name:
            owners.setdefault(form, {}).setdefault(m.name, m)
    declared = set(owners)
    companies: dict[str, Mention] = {}      # name -> its first mention: each name's forms derived once
    for m in named:
        # a declared form that is a company's name itself (以下简称“天驰新能源公司”) stands for the
        # company that declared it: its own shorter forms would compete with that company's
        if m.subtype == COMPANY and m.text not in declared:
            companies.setdefault(m.name, m)
    for name, m in companies.items():
        for form in derived_forms(name, gazetteer):
            owners.setdefault(form, {}).setdefault(name, m)
    return {form: next(iter(of.values())) for form, of in owners.items() if len(of) == 1}


def named_in_full(mention: Mention, forms: dict[str, Mention]) -> Mention:
    """An organization another recognizer found by a short form, named by itself (驰远新能源 in
    （以下简称驰远新能源）): the organization named in full."""
    full = forms.get(mention.text) if mention.type == ORGANIZATION and mention.name == mention.text else None
    if full is None or full.name == mention.name:
        return mention
    return replace(mention, name=full.name, subtype=full.subtype or mention.subtype, variants=full.variants)


def find_short_forms(texts: dict[int, str], tokens: dict[int, Tokens], found: list[Mention],
                     forms: dict[str, Mention]) -> list[Mention]:
    """Mentions of the short forms `forms` where the article uses them, outside `found`."""
    if not forms:
        return []
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in found:
        taken.setdefault(m.sentence, []).append((m.start, m.end))
    out: list[Mention] = []
    for i, text in texts.items():
        spans = taken.setdefault(i, [])
        for form in sorted(forms, key=len, reverse=True):       # 瑞澜新材料科技 before 瑞澜新材料
            full = forms[form]
            pos = text.find(form)
            while pos != -1:
                end = pos + len(form)
                if _at_word_edges(tokens[i], pos, end) and not any(s < end and pos < e for s, e in spans):
                    out.append(Mention(text=form, type=ORGANIZATION, name=full.name, sentence=i, start=pos,
                                       end=end, subtype=full.subtype, variants=full.variants))
                    spans.append((pos, end))
                pos = text.find(form, end)
    return out


def _at_word_edges(tokens: Tokens, start: int, end: int) -> bool:
    return start in tokens.by_start() and end in tokens.by_end()
