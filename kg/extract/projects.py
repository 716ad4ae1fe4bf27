"""Projects by their grammar: a name that ends in …项目, …工程, …一期/二期,
…基地, …电站, …铁路 (kg/resources/grammar_project_suffixes.tsv), and the items
of a list that ends in 等项目 (推动A、B、C等项目开工).

A quoted name before 工程/行动/计划 ("强首府"工程) is a campaign, not a project.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import INITIATIVE, PROJECT, Mention
from .grammar import ends_a_word, is_generic, left_edge, project_suffixes
from .tokens import Token

_CAMPAIGN_RE = re.compile(r"“[^”]{1,12}”(?:工程|行动|计划|战略|活动|工作)")
_LIST_END_RE = re.compile(r"等(?:重点|重大|一批)?(?:产业|建设|工业|能源)?项目")
MIN_HEAD = 2


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern:
    return re.compile("|".join(map(re.escape, project_suffixes())))


def find_campaigns(text: str, sentence: int) -> list[Mention]:
    return [Mention(text=m.group(), type=INITIATIVE, name=m.group().replace("“", "").replace("”", ""),
                    sentence=sentence, start=m.start(), end=m.end()) for m in _CAMPAIGN_RE.finditer(text)]


def find_projects(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    for match in _suffix_re().finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken) or not ends_a_word(tokens, match.end()):
            continue
        floor = max((b for a, b in taken if b <= match.start()), default=0)
        start = left_edge(tokens, match.start(), floor=floor)
        head = text[start:match.start()]
        if len(head) < MIN_HEAD or is_generic(head):
            continue
        name = text[start:match.end()]
        out.append(Mention(text=name, type=PROJECT, name=name, sentence=sentence, start=start, end=match.end()))
    out.extend(_list_items(text, sentence, tokens, taken))
    return out


def _list_items(text: str, sentence: int, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Mention]:
    """推动伊利液奶三期、奶粉二期、蒙牛九期奶粉工厂等项目开工建设: every item is a project."""
    out: list[Mention] = []
    for end_match in _LIST_END_RE.finditer(text):
        list_end = end_match.start()
        # The list starts after the clause's last comma-like stop before it.
        clause_start = max(text.rfind(ch, 0, list_end) for ch in "，。；：") + 1
        start = left_edge(tokens, text.find("、", clause_start, list_end) if "、" in text[clause_start:list_end]
                          else list_end, floor=clause_start)
        items = text[start:list_end].split("、")
        pos = start
        for item in items:
            item_start, item_end = pos, pos + len(item)
            pos = item_end + 1
            if len(item) < MIN_HEAD or is_generic(item):
                continue
            if any(a <= item_start and item_end <= b for a, b in taken):
                continue
            out.append(Mention(text=item, type=PROJECT, name=item, sentence=sentence,
                               start=item_start, end=item_end))
    return out
