"""Small conversions of model values shared by the exports."""
from __future__ import annotations

from decimal import Decimal


def plain_decimal(value: Decimal | None) -> str | None:
    """Exact decimal text without exponent: Decimal("5.8422E+7") -> "58422000"."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def unique_sentences(sentences: list[str | None]) -> list[str]:
    """Evidence sentences in first-seen order, without repeats or knowledge-only (None) items."""
    seen: dict[str, None] = {}
    for sentence in sentences:
        if sentence:
            seen.setdefault(sentence, None)
    return list(seen)
