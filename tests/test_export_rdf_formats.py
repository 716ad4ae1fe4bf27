"""N-Triples, JSON-LD, TriG and N-Quads: read back with rdflib, same triples as
graph.ttl, one named graph per document, same bytes for the same graph."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.export import EXPORTERS, write_outputs
from kg.export.named_graphs import split_by_document
from kg.export.rdf_formats import (jsonld_context, nt_term, write_jsonld, write_nquads,
                                   write_ntriples, write_trig)
from kg.model import LOCATED_IN, Evidence, Relation
from kg.rdf.build import build_graph
from kg.rdf.iris import document_iri, entity_iri
from kg.rdf.terms import DEFAULT_BASE, KG, ontology_path
from test_rdf_build import DOC_A, DOC_B, sample_kg

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER, GOLD = SHARED / "eval" / "score.py", SHARED / "gold"
DOCS = {document_iri(DEFAULT_BASE, DOC_A), document_iri(DEFAULT_BASE, DOC_B)}
# rdflib's own parsers and SPARQL engine still call the deprecated Dataset names.
pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.* is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]


def _kg():
    """The sample graph plus containment known only from the gazetteer pseudo-document."""
    kg = sample_kg()
    kg.relations.append(Relation("place/150105", LOCATED_IN, "place/150000",
                                 evidence=[Evidence("gazetteer", None)]))
    return kg


def _iri(entity_id: str) -> URIRef:
    return entity_iri(DEFAULT_BASE, entity_id)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(_kg())


@pytest.fixture(scope="module")
def files(graph, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    return {"nt": write_ntriples(graph, folder / "graph.nt"),
            "jsonld": write_jsonld(graph, folder / "graph.jsonld"),
            "trig": write_trig(graph, folder / "graph.trig"),
            "nq": write_nquads(graph, folder / "graph.nq")}


def _dataset(path: Path, fmt: str) -> Dataset:
    return Dataset().parse(path, format=fmt)


def _union(dataset: Dataset) -> set:
    return {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}


def _graphs_of(dataset: Dataset, triple) -> set:
    return {str(g) for *_, g in dataset.quads((*triple, None))}


# ---------------------------------------------------------------- same triples

@pytest.mark.parametrize("name, fmt", [("nt", "nt"), ("jsonld", "json-ld")])
def test_flat_formats_read_back_to_the_same_triples(graph, files, name, fmt):
    assert set(Graph().parse(files[name], format=fmt)) == set(graph)


@pytest.mark.parametrize("name, fmt", [("trig", "trig"), ("nq", "nquads")])
def test_union_of_named_graphs_is_the_graph(graph, files, name, fmt):
    dataset = _dataset(files[name], fmt)
    assert _union(dataset) == set(graph)
    named = {g.identifier for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier}
    assert named == DOCS                       # one graph per source document, no gazetteer graph


def test_trig_and_nquads_hold_the_same_quads(files):
    quads = [{(s, p, o, str(g)) for s, p, o, g in _dataset(files[n], f).quads((None, None, None, None))}
             for n, f in (("trig", "trig"), ("nq", "nquads"))]
    assert quads[0] == quads[1]


def test_turtle_export_and_named_graphs_agree_on_the_count(graph, files, tmp_path):
    from kg.export.turtle import write_turtle

    turtle = Graph().parse(write_turtle(graph, tmp_path / "graph.ttl"), format="turtle")
    assert len(_union(_dataset(files["trig"], "trig"))) == len(turtle)
    assert len(files["nt"].read_text(encoding="utf-8").splitlines()) == len(turtle)


# ---------------------------------------------------------------- where a statement came from

def test_graph_query_tells_the_document_of_a_statement(files):
    dataset = _dataset(files["trig"], "trig")
    rows = dataset.query("""
        PREFIX kg: <https://example.org/kg/ontology#>
        SELECT ?doc WHERE { GRAPH ?doc { ?person kg:worksFor ?org } }""",
        initBindings={"person": _iri("person/张伟"), "org": _iri("organization/呼和浩特市商务局")})
    assert {str(row.doc) for row in rows} == {str(document_iri(DEFAULT_BASE, DOC_A))}
    both = dataset.query("""
        PREFIX kg: <https://example.org/kg/ontology#>
        SELECT ?doc ?sentence WHERE { GRAPH ?doc { ?s a rdf:Statement ; rdf:subject ?person ;
                                                   kg:evidence ?sentence } } ORDER BY ?doc""",
        initBindings={"person": _iri("person/刘大鹏")})
    assert [(str(r.doc).rsplit("/", 1)[1], str(r.sentence)) for r in both] == [
        (DOC_A, "伊利集团副总裁刘大鹏表示。"), (DOC_B, "伊利集团副总裁刘大鹏说。")]


def test_each_triple_lives_where_its_source_says(graph, files):
    dataset = _dataset(files["nq"], "nquads")
    doc_a, doc_b = (str(document_iri(DEFAULT_BASE, d)) for d in (DOC_A, DOC_B))
    city, region, district = _iri("place/150100"), _iri("place/150000"), _iri("place/150105")
    # an entity of both documents is described in both; each mention in its own
    assert _graphs_of(dataset, (city, RDFS.label, Literal("呼和浩特市", lang="zh"))) == {doc_a, doc_b}
    assert _graphs_of(dataset, (city, KG.mentionedIn, URIRef(doc_b))) == {doc_b}
    # a role goes with its relation; a metric with its document
    investor = (_iri("project/伊利液奶三期"), KG.investor, _iri("organization/伊利集团"))
    assert _graphs_of(dataset, investor) == {doc_a}
    gdp_2023 = next(graph.subjects(KG.evidence, Literal("2023年，首府地区生产总值3802亿元，增长8%。")))
    assert _graphs_of(dataset, (gdp_2023, KG.value, None)) == {doc_b}
    # knowledge (no sentence) is in the default graph only, wherever it was recorded
    default = str(dataset.default_graph.identifier)
    assert _graphs_of(dataset, (city, KG.locatedIn, region)) == {default}
    assert _graphs_of(dataset, (district, KG.locatedIn, region)) == {default}
    gazetteer = document_iri(DEFAULT_BASE, "gazetteer")
    assert _graphs_of(dataset, (gazetteer, None, None)) == {default}


def test_split_covers_every_triple_once_per_home(graph):
    split = split_by_document(graph)
    homes = set(split.default).union(*split.named.values())
    assert homes == set(graph)
    assert list(split.named) == sorted(split.named)


# ---------------------------------------------------------------- JSON-LD context

def test_jsonld_embeds_the_packaged_context_and_uses_short_keys(files):
    document = json.loads(files["jsonld"].read_text(encoding="utf-8"))
    packaged = json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == packaged["@context"] == jsonld_context()
    city = next(n for n in document["@graph"] if n["@id"] == str(_iri("place/150100")))
    assert city["label"] == "呼和浩特市"
    assert city["locatedIn"] == str(_iri("place/150000"))
    assert sorted(city["@type"]) == ["AdministrativeRegion", "Place"]
    metric = next(n for n in document["@graph"] if n.get("rawValue") == "3802亿元")
    assert metric["value"] == "380200000000.0" and metric["year"] == "2023"


def test_context_is_read_by_rdflib_on_its_own():
    doc = {"@context": jsonld_context(), "@id": "https://example.org/x", "@type": "Place",
           "label": "测试", "locatedIn": "https://example.org/y", "value": "1.5"}
    triples = set(Graph().parse(data=json.dumps(doc), format="json-ld"))
    x = URIRef("https://example.org/x")
    assert (x, RDFS.label, Literal("测试", lang="zh")) in triples
    assert (x, KG.locatedIn, URIRef("https://example.org/y")) in triples
    assert (x, KG.value, Literal("1.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))) in triples


# ---------------------------------------------------------------- determinism

def _reversed(graph: Graph) -> Graph:
    other = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        other.bind(prefix, namespace)
    for triple in sorted(graph, reverse=True):
        other.add(triple)
    return other


@pytest.mark.parametrize("writer", [write_ntriples, write_jsonld, write_trig, write_nquads],
                         ids=["nt", "jsonld", "trig", "nq"])
def test_same_triples_give_the_same_bytes(graph, tmp_path, writer):
    first = writer(build_graph(_kg()), tmp_path / "a" / "out")
    second = writer(_reversed(graph), tmp_path / "b" / "out")
    assert first.read_bytes() == second.read_bytes()


def test_ntriples_escapes_what_it_must():
    assert nt_term(Literal('a"b\\c\nd\te\x07')) == '"a\\"b\\\\c\\nd\\te\\u0007"'
    assert nt_term(URIRef("https://example.org/a b")) == "<https://example.org/a\\u0020b>"
    assert nt_term(Literal("中", lang="zh")) == '"中"@zh'
    odd = Graph()
    odd.add((URIRef("https://example.org/a b"), RDFS.label, Literal('a"b\\c\nd\te\x07')))
    assert set(Graph().parse(data="".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"
                                          for s, p, o in odd), format="nt")) == set(odd)


def test_exporters_are_registered_and_write_their_files(tmp_path):
    names = ("ntriples", "jsonld", "trig", "nquads")
    assert set(names) <= set(EXPORTERS)

    class _NoTimer:
        def __call__(self, name):
            return self

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    written = write_outputs(_kg(), build_graph(_kg()), tmp_path / "out", names, _NoTimer())
    assert sorted(p.name for p in written if p.name.startswith("graph.")) == [
        "graph.jsonld", "graph.nq", "graph.nt", "graph.trig"]
    assert all(p.is_file() and p.stat().st_size > 1000 for p in written if p.name.startswith("graph."))


# ---------------------------------------------------------------- the shared scorer

def _score(folder: Path) -> dict:
    run = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--graph", str(folder), "--json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _numbers(report, path=""):
    if isinstance(report, dict):
        return {k: v for key, value in report.items() for k, v in _numbers(value, f"{path}/{key}").items()}
    if isinstance(report, (int, float)) and not isinstance(report, bool):
        return {path: report}
    return {}


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not on this machine")
def test_scorer_numbers_do_not_change_with_the_extra_formats(tmp_path, files):
    from kg.export.turtle import write_ontology, write_turtle

    graph = build_graph(_kg())
    plain = tmp_path / "plain"
    write_turtle(graph, plain / "graph.ttl")
    write_ontology(plain)
    full = tmp_path / "full"
    write_turtle(graph, full / "graph.ttl")
    write_ontology(full)
    for path in files.values():
        (full / path.name).write_bytes(path.read_bytes())
    assert _numbers(_score(full)) == _numbers(_score(plain))


# ---------------------------------------------------------------- JSON-LD as rdflib compacts it

def _rdflib_jsonld(graph: Graph) -> dict:
    """The document rdflib's JSON-LD serializer makes with our context, keys and sets sorted:
    what graph.jsonld held when rdflib wrote it."""
    def canonical(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def stable(value):
        if isinstance(value, dict):
            return {key: stable(item) if key == "@list" else stable_set(item)
                    for key, item in sorted(value.items())}
        return value

    def stable_set(value):
        return sorted((stable(item) for item in value), key=canonical) if isinstance(value, list) else stable(value)

    data = json.loads(graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
    nodes = data if isinstance(data, list) else data.get("@graph", [{k: v for k, v in data.items() if k != "@context"}])
    return {"@context": jsonld_context(),
            "@graph": sorted((stable(node) for node in nodes), key=lambda n: (n.get("@id", ""), canonical(n)))}


def test_jsonld_is_the_document_rdflib_compacts(graph, files):
    expected = _rdflib_jsonld(graph)
    assert json.loads(files["jsonld"].read_text(encoding="utf-8")) == expected
    assert files["jsonld"].read_text(encoding="utf-8") == json.dumps(expected, ensure_ascii=False, indent=1) + "\n"


def test_empty_graph_in_every_format(tmp_path):
    empty = Graph(bind_namespaces="none")
    assert json.loads(write_jsonld(empty, tmp_path / "e.jsonld").read_text(encoding="utf-8")) == {
        "@context": jsonld_context(), "@graph": []}
    for writer in (write_ntriples, write_nquads, write_trig):
        assert writer(empty, tmp_path / "e").read_text(encoding="utf-8") == ""


# ---------------------------------------------------------------- exporters side by side (-j)

class _Stages:
    def __init__(self):
        self.names: list[str] = []

    def __call__(self, name):
        self.names.append(name)
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="exporters run side by side where Linux forks")
def test_exporters_side_by_side_write_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.export.SIDE_BY_SIDE_FROM", 0)
    recorded: dict[str, float] = {}

    def extra(folder: Path) -> list[Path]:
        (folder / "extra.txt").write_text("store", encoding="utf-8")
        return [folder / "extra.txt"]
    one = write_outputs(_kg(), build_graph(_kg()), tmp_path / "one", tuple(EXPORTERS), _Stages(), extra=extra)
    stages = _Stages()
    two = write_outputs(_kg(), build_graph(_kg()), tmp_path / "two", tuple(EXPORTERS), stages, extra=extra,
                        jobs=2, record=lambda name, seconds: recorded.__setitem__(name, seconds))
    assert [p.relative_to(tmp_path / "one") for p in one] == [p.relative_to(tmp_path / "two") for p in two]
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")
    assert set(recorded) == {f"export:{name}" for name in EXPORTERS} and stages.names == []
    assert all(seconds >= 0 for seconds in recorded.values())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="exporters run side by side where Linux forks")
@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()], ids=["crash", "ctrl-c"])
@pytest.mark.parametrize("where", ["graphml", "trig"], ids=["here", "in-a-worker"])
def test_a_failing_exporter_side_by_side_leaves_nothing_behind(tmp_path, monkeypatch, error, where):
    monkeypatch.setattr("kg.export.SIDE_BY_SIDE_FROM", 0)

    def failing(graph, rdf, out):
        (out / f"graph.{where}").write_text("half written", encoding="utf-8")
        raise error
    monkeypatch.setitem(EXPORTERS, where, failing)
    out = tmp_path / "parent" / "out"
    with pytest.raises(type(error)):
        write_outputs(_kg(), build_graph(_kg()), out, tuple(EXPORTERS), _Stages(), jobs=2)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_small_graphs_are_written_in_one_process(tmp_path):
    stages = _Stages()
    write_outputs(_kg(), build_graph(_kg()), tmp_path / "out", tuple(EXPORTERS), stages, jobs=2,
                  record=lambda name, seconds: pytest.fail("no share to record: nothing ran side by side"))
    assert stages.names == [f"export:{name}" for name in EXPORTERS]


def test_very_large_graphs_are_written_in_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.export.SIDE_BY_SIDE_FROM", 0)
    monkeypatch.setattr("kg.export.SIDE_BY_SIDE_UP_TO", 10)     # the sample graph counts as very large
    stages = _Stages()
    write_outputs(_kg(), build_graph(_kg()), tmp_path / "out", tuple(EXPORTERS), stages, jobs=2,
                  record=lambda name, seconds: pytest.fail("no share to record: nothing ran side by side"))
    assert stages.names == [f"export:{name}" for name in EXPORTERS]


def test_the_bounded_arc_caches_change_no_byte(files, tmp_path, monkeypatch):
    """The writers keep the text of repeated arcs in caches that forget everything past a
    bound: with a bound of 3 (forgotten again and again) every file is the same."""
    from kg.export._values import KeptTexts
    from kg.export.rdf_formats import triples_of
    from kg.export.turtle import write_turtle
    from kg.rdf.build import graph_triples

    triples = graph_triples(_kg())
    usual = write_turtle(triples, tmp_path / "usual.ttl").read_bytes()
    monkeypatch.setattr(KeptTexts, "LIMIT", 3)
    assert write_turtle(triples, tmp_path / "small.ttl").read_bytes() == usual
    for name, write in (("nt", write_ntriples), ("trig", write_trig), ("nq", write_nquads)):
        assert write(triples_of(triples), tmp_path / f"small.{name}").read_bytes() == files[name].read_bytes()


def test_kept_texts_forget_everything_past_the_bound(monkeypatch):
    from kg.export._values import KeptTexts

    monkeypatch.setattr(KeptTexts, "LIMIT", 2)
    kept = KeptTexts()
    kept.keep("p", "a", "p a")
    kept.keep("q", "b", "q b")
    assert kept.by_form == {"p": {"a": "p a"}, "q": {"b": "q b"}}
    kept.keep("p", "c", "p c")          # the third: the first two are forgotten
    assert kept.by_form == {"p": {"c": "p c"}, "q": {}}
