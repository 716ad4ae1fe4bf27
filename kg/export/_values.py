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


class KeptTexts:
    """The text of arcs that repeat (classes, places, the sentence of a statement's evidence
    and of its metrics …), by predicate form and object: `by_form[kind].get(value)` is the
    writers' lookup.  At most LIMIT texts are kept, then all are forgotten at once, so that
    a writer's cache stays some ten megabytes on any graph."""

    __slots__ = ("by_form", "_count")
    LIMIT = 1 << 16

    def __init__(self) -> None:
        self.by_form: dict = {}          # Prop -> {object: text}
        self._count = 0

    def keep(self, kind, value: str, text: str) -> str:
        """Keep `text` as the text of (kind, value); returns it."""
        self._count += 1
        if self._count > self.LIMIT:
            for kept in self.by_form.values():
                kept.clear()
            self._count = 1
        texts = self.by_form.get(kind)
        if texts is None:
            texts = self.by_form[kind] = {}
        texts[value] = text
        return text
