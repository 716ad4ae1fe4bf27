"""Shared helpers for the tests: articles made from sentences."""
from __future__ import annotations

import pytest

from kg.model import Article, Context, Sentence


def make_article(*sentences: str, home: str | None = "呼和浩特市", newspaper: str | None = "呼和浩特日报",
                 year: int | None = 2023, local: str | None = None, headline: str = "",
                 doc_id: str = "t.txt") -> Article:
    return Article(doc_id=doc_id, index=0, headline=headline,
                   sentences=tuple(Sentence(i, s) for i, s in enumerate(sentences)),
                   context=Context(newspaper=newspaper, home=home, local=local, year=year))


@pytest.fixture
def article():
    return make_article
