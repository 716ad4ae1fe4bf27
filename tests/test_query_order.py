"""kg.query_order: a final ORDER BY done in Python gives the rows in Oxigraph's own order."""
from __future__ import annotations

import pytest

pyoxigraph = pytest.importorskip("pyoxigraph")

from kg.query import QUERY_PREFIXES, _oxigraph_text_function, _query_store  # noqa: E402
from kg.query_order import SortKey, final_order  # noqa: E402

# Terms of every kind, with ties on the value (a / "a"@zh / "a"@en / "a"), an unbound value
# (x:15 has no q), a blank node and numbers, in an order no sort gives.
DATA = """
@prefix x: <http://example.org/> .
x:1 x:p "b"@zh ; x:q x:k2 .
x:2 x:p "a"@zh ; x:q x:k1 .
x:3 x:p "c"@en ; x:q x:k1 .
x:4 x:p "a"@en ; x:q x:k2 .
x:5 x:p "ab" ; x:q x:k1 .
x:6 x:p "aa" ; x:q x:k2 .
x:7 x:p "呼和浩特市"@zh ; x:q x:k1 .
x:8 x:p "包头市"@zh ; x:q x:k2 .
x:9 x:p "包头"@zh ; x:q x:k1 .
x:12 x:p "a"@zh ; x:q x:k1 .
x:13 x:p "a" ; x:q x:k2 .
x:14 x:p "a"@zh-hans ; x:q x:k1 .
x:15 x:p "z" .
x:20 x:n 10 . x:21 x:n 9 . x:22 x:n 9.5 .
x:30 x:b [ x:r "in a blank node" ] .
"""


@pytest.fixture(scope="module")
def store():
    made = pyoxigraph.Store()
    made.load(DATA.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    return made


def _engine_rows(store, sparql: str) -> list[tuple]:
    """The rows as Oxigraph orders them itself."""
    text = _oxigraph_text_function()
    return [tuple(map(text, solution)) for solution in store.query(sparql, prefixes=QUERY_PREFIXES)]


class _Recording:
    """A store that notes the queries it is asked."""

    def __init__(self, store) -> None:
        self.store, self.asked = store, []

    def query(self, sparql, **options):
        self.asked.append(sparql)
        return self.store.query(sparql, **options)


@pytest.mark.parametrize("order", [
    "?label",
    "DESC(?label)",
    "?q ?label",
    "DESC(?q) ?s",
    "ASC(?q) DESC(?label) ?s",
    "STR(?label) ?s",
    "DESC(STR(?s))",
    "?q",                     # ties (and x:15 unbound): the order they came in
    "DESC(?q)",
    "?s",
])
def test_strings_and_iris_come_out_as_oxigraph_orders_them(store, order):
    sparql = f"""SELECT ?s ?label ?q WHERE {{
        ?s <http://example.org/p> ?label OPTIONAL {{ ?s <http://example.org/q> ?q }} }}
        ORDER BY {order}"""
    recording = _Recording(store)
    result = _query_store(recording, sparql, QUERY_PREFIXES)
    assert result.rows == _engine_rows(store, sparql)
    assert len(result.rows) == 13
    # done in Python: the engine was asked once, without the ORDER BY
    assert len(recording.asked) == 1 and "ORDER BY" not in recording.asked[0]


@pytest.mark.parametrize("order, key", [("?label", 1), ("DESC(?label)", 1), ("?q ?label", 2)])
def test_with_many_ties_the_keys_come_in_oxigraph_order_and_the_rows_are_the_same(order, key):
    # Oxigraph's sort is not stable: past a few dozen rows, rows with equal keys come out in
    # another order than Python's; the keys' order and the rows themselves are the same.
    made = pyoxigraph.Store()
    lines = [f'<http://example.org/s{i:03}> <http://example.org/p> "{"ab"[i % 2]}" ; '
             f'<http://example.org/q> <http://example.org/k{i % 3}> .' for i in range(300)]
    made.load("\n".join(lines).encode(), format=pyoxigraph.RdfFormat.TURTLE)
    sparql = f"""SELECT ?s ?label ?q WHERE {{
        ?s <http://example.org/p> ?label ; <http://example.org/q> ?q }} ORDER BY {order}"""
    ours, engines = _query_store(made, sparql, QUERY_PREFIXES).rows, _engine_rows(made, sparql)
    assert [row[1:1 + key] for row in ours] == [row[1:1 + key] for row in engines]
    assert sorted(ours) == sorted(engines) and len(ours) == 300


@pytest.mark.parametrize("sparql", [
    # numbers: compared as numbers, not done here
    "SELECT ?s ?n WHERE { ?s <http://example.org/n> ?n } ORDER BY ?n",
    # a blank node in the column
    "SELECT ?s ?o WHERE { ?s <http://example.org/b> ?o } ORDER BY ?o",
    # a blank node as a subject next to IRIs
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s",
])
def test_other_terms_are_left_to_the_engine(store, sparql):
    recording = _Recording(store)
    result = _query_store(recording, sparql, QUERY_PREFIXES)
    assert result.rows == _engine_rows(store, sparql)
    assert len(recording.asked) == 2 and "ORDER BY" in recording.asked[1]


@pytest.mark.parametrize("sparql", [
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s OFFSET 1",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY (STRLEN(STR(?o)))",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY LCASE(?o)",
    "SELECT ?s WHERE { { SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o } }",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s VALUES ?s { <http://example.org/1> }",
    "SELECT ?s WHERE { ?s ?p ?o }",
    # what SPARQL refuses is left to the engine to refuse: a no-break space, a line
    # separator, a long s for an s
    "SELECT ?s WHERE { ?s ?p ?o } ORDER\u00a0BY ?s",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY\u2028?s",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY DE\u017fC(?s)",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\u2028",
    # a comparison after the last brace: "<5)#>" reads as an IRI, "#>" is a comment
    "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s HAVING(COUNT(?o)<5)#> ORDER BY DESC(?s)",
])
def test_what_is_not_a_plain_final_order_is_not_touched(sparql):
    assert final_order(sparql) is None


def test_a_key_that_is_not_projected_is_left_to_the_engine(store):
    sparql = "SELECT ?s WHERE { ?s <http://example.org/p> ?label } ORDER BY ?label"
    recording = _Recording(store)
    assert _query_store(recording, sparql, QUERY_PREFIXES).rows == _engine_rows(store, sparql)
    assert len(recording.asked) == 2


def test_the_order_is_read_past_comments_strings_and_iris():
    found = final_order('SELECT * WHERE { ?s ?p "}" } ORDER BY ?s DESC(?变量) # } ORDER BY ?x\n')
    assert found is not None
    assert found.keys == (SortKey("s"), SortKey("变量", descending=True))
    assert found.unordered == 'SELECT * WHERE { ?s ?p "}" }  # } ORDER BY ?x\n'
    found = final_order("SELECT * WHERE { ?s <http://e/x#y> ?o } order by asc(str(?o))")
    assert found is not None and found.keys == (SortKey("o", as_string=True),)


def test_group_by_before_the_order_stays(store):
    sparql = """SELECT ?q (COUNT(?s) AS ?n) WHERE { ?s <http://example.org/q> ?q }
                GROUP BY ?q ORDER BY DESC(?q)"""
    found = final_order(sparql)
    assert found is not None and "GROUP BY ?q" in found.unordered
    assert _query_store(store, sparql, QUERY_PREFIXES).rows == _engine_rows(store, sparql)
