"""kg build --update OUT FILES: documents added to a build, entities keep their IRIs, and the
same input gives the same bytes however it was built up."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.model import (ORGANIZATION, PLACE, WORKS_FOR, Entity, Evidence, KnowledgeGraph, LocalMetric, Metric,
                      Relation, PERSON)
from kg.pipeline import extract_source
from kg.ingest.read import read_inputs
from kg.store import (STORE, DocumentLines, StoredDocument, document_line, keep_ids, load_store, read_document)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SMALL, OTHER = SEEDS / "003_6dccf2fa98633d4a.txt", SEEDS / "002_57aa74c62ebf1dbf.txt"   # the two smallest pages


def kg(*args: str):
    return CliRunner().invoke(main, [*args, "-j", "1", "-q"] if args[0] == "build" else list(args))


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def entity_iris(out: Path) -> set[str]:
    graph = rdflib.Graph().parse(out / "graph.ttl")
    kinds = {"organization", "place", "project", "person", "initiative", "event", "policy"}
    return {str(s) for s in graph.subjects() if str(s).rsplit("/", 2)[-2] in kinds}


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    """A full build of the two pages at once."""
    out = tmp_path_factory.mktemp("full") / "out"
    result = kg("build", str(OTHER), str(SMALL), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def updated(tmp_path_factory) -> Path:
    """One page built, the other added with --update."""
    out = tmp_path_factory.mktemp("updated") / "out"
    assert kg("build", str(OTHER), "-o", str(out)).exit_code == 0
    result = kg("build", "--update", str(out), str(SMALL))
    assert result.exit_code == 0, result.output
    return out


# ---------------------------------------------------------------- the same bytes

def test_update_gives_the_bytes_of_a_full_build(full, updated):
    assert (updated / "graph.ttl").read_bytes() == (full / "graph.ttl").read_bytes()
    assert files(updated) == files(full)              # every export, the manifest and the store too


def test_a_full_build_twice_gives_the_same_bytes(full, tmp_path):
    again = tmp_path / "again"
    assert kg("build", str(OTHER), str(SMALL), "-o", str(again)).exit_code == 0
    assert files(again) == files(full)


def test_update_with_a_document_already_there_replaces_it(full, tmp_path):
    out = tmp_path / "out"
    assert kg("build", str(OTHER), str(SMALL), "-o", str(out)).exit_code == 0
    assert kg("build", "--update", str(out), str(SMALL)).exit_code == 0
    assert files(out) == files(full)                  # the same document again: nothing changes
    changed = tmp_path / "edited" / SMALL.name        # the same name, other text
    changed.parent.mkdir()
    changed.write_text("# 更正\n\n本报讯 赤峰市今年完成投资88亿元，同比增长6%。\n", encoding="utf-8")
    assert kg("build", "--update", str(out), str(changed)).exit_code == 0
    graph = rdflib.Graph().parse(out / "graph.ttl")
    kg_ns = rdflib.Namespace("https://example.org/kg/ontology#")
    assert {str(p) for p in graph.objects(None, kg_ns.sourcePath)} == {str(OTHER), str(changed)}
    assert "更正" in {str(h) for h in graph.objects(None, kg_ns.headline)}
    assert [d.doc_id for d in load_store(out).documents] == [OTHER.name, SMALL.name]


# ---------------------------------------------------------------- IRIs

def test_entities_of_the_first_build_keep_their_iris(tmp_path):
    """The largest page brings fuller names for some entities of the other one."""
    first, second = SEEDS / "001_5feafe9726aded4a.txt", SEEDS / "004_0d2928c2bee54200.txt"
    out = tmp_path / "out"
    assert kg("build", str(first), "-o", str(out)).exit_code == 0
    before = entity_iris(out)
    assert kg("build", "--update", str(out), str(second)).exit_code == 0
    assert before <= entity_iris(out)


def _graph_with(entity_id: str, name: str, aliases: set[str]) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    org = Entity(entity_id, ORGANIZATION, name, "Company", aliases, {"b.txt"})
    person = Entity("person/王明", PERSON, "王明", None, set(), {"b.txt"}, titles={"董事长"})
    place = Entity("place/150100", PLACE, "呼和浩特市", "city", set(), {"a.txt"}, "150100")
    graph.entities = {e.id: e for e in (org, person, place)}
    graph.relations = [Relation("person/王明", WORKS_FOR, entity_id, evidence=[Evidence("b.txt", "王明是董事长。")]),
                       Relation(entity_id, "locatedIn", "place/150100", evidence=[Evidence("b.txt", None)])]
    graph.metrics = [Metric("metric/b-0-0", entity_id, "营业收入", Decimal("1E+9"), "CNY", "10亿元",
                            Evidence("b.txt", "营业收入10亿元。"))]
    return graph


def test_keep_ids_gives_a_renamed_entity_its_old_id_and_relations_follow():
    graph = _graph_with("organization/伊利集团", "伊利集团", {"伊利"})
    previous = {"organization/伊利": (ORGANIZATION, "伊利"), "place/150100": (PLACE, "呼和浩特市")}
    assert keep_ids(graph, previous) == {"organization/伊利集团": "organization/伊利"}
    assert list(graph.entities) == ["organization/伊利", "person/王明", "place/150100"]
    assert graph.entities["organization/伊利"].name == "伊利集团"          # the fuller name, the old IRI
    assert [r.key for r in graph.relations] == [("organization/伊利", "locatedIn", "place/150100"),
                                                ("person/王明", WORKS_FOR, "organization/伊利")]
    assert graph.metrics[0].about == "organization/伊利"


def test_keep_ids_leaves_unrelated_and_existing_ids_alone():
    graph = _graph_with("organization/蒙牛集团", "蒙牛集团", {"蒙牛"})
    assert keep_ids(graph, {"organization/伊利": (ORGANIZATION, "伊利")}) == {}
    graph = _graph_with("organization/伊利集团", "伊利集团", {"伊利"})
    both = {"organization/伊利": (ORGANIZATION, "伊利"), "organization/伊利集团": (ORGANIZATION, "伊利集团")}
    assert keep_ids(graph, both) == {}                # it has an id of the previous build already
    assert keep_ids(graph, {"person/伊利": (PERSON, "伊利")}) == {}        # another type


# ---------------------------------------------------------------- the store

def test_store_gives_back_each_extraction_exactly(updated):
    sources, _ = read_inputs([OTHER, SMALL])
    expected = [StoredDocument.of(source, extract_source(source)) for source in sources]
    stored = load_store(updated).documents
    assert [d.doc_id for d in stored] == [OTHER.name, SMALL.name]
    assert stored == expected                          # dataclass equality: every field, Decimal exact


def test_document_line_round_trips_odd_values():
    from kg.model import Article, ArticleExtraction, Context, Mention, Sentence
    article = Article("a\n\"b\".txt", 0, "标题\u2028", (Sentence(0, "句子\x00，“引号”}", original="句子"),),
                      Context(newspaper="报", year=2023, date="--02-09"))
    metric = LocalMetric(0, "投资", Decimal("3.8027E+11"), "CNY", "3802.7亿元", 0, change=Decimal("-0.0"),
                         change_abs=Decimal("1E-30"), year=2022)
    extraction = ArticleExtraction(article, (Mention("伊利", ORGANIZATION, "伊利集团", 0, 0, 2, variants=("伊利股份",)),),
                                   (), (metric,), default_about=0)
    document = StoredDocument("a.txt", "in/a.txt", "utf-16-le", 12, (extraction,))
    line = document_line(document)
    assert line.count("\n") == 1 and line.endswith("\n")      # one document a line, whatever its text
    back = read_document(line)
    assert back == document
    assert str(back.articles[0].metrics[0].value) == "3.8027E+11"


def test_document_lines_are_kept_beside_the_output_until_moved_into_it(tmp_path):
    def stored(doc_id: str) -> StoredDocument:
        return StoredDocument(doc_id, f"in/{doc_id}", "utf-8", 1, ())
    lines = DocumentLines(tmp_path / "out")
    assert lines.path.parent == tmp_path and lines.path.name.startswith(".out.")
    lines.add("b.txt", b"new b\n")
    lines.add("c.txt", b"new c\n")
    # --update: the stored a and b, and the new b and c, in doc_id order; the new b wins
    lines.reorder([stored("a.txt"), stored("b.txt"), stored("c.txt")])
    target = tmp_path / "moved.jsonl"
    lines.move_to(target)
    assert target.read_bytes() == document_line(stored("a.txt")).encode() + b"new b\nnew c\n"
    lines.discard()                                   # once moved: nothing to remove, no error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moved.jsonl"]


def test_document_lines_discarded_leave_nothing(tmp_path):
    lines = DocumentLines(tmp_path / "out")
    lines.add("a.txt", b"a\n")
    lines.reorder([StoredDocument("a.txt", "a.txt", "utf-8", 1, ())])
    lines.discard()
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- usage errors

def test_update_needs_a_build_with_a_store(tmp_path):
    missing = kg("build", "--update", str(tmp_path / "none"), str(SMALL))
    assert missing.exit_code == 2 and "no build at" in missing.output and "Traceback" not in missing.output
    out = tmp_path / "out"
    assert kg("build", str(SMALL), "-o", str(out)).exit_code == 0
    for path in (out / STORE).iterdir():
        path.write_text("{not json", encoding="utf-8")
    damaged = kg("build", "--update", str(out), str(OTHER))
    assert damaged.exit_code == 2 and "full build" in damaged.output


def test_update_refuses_a_store_of_another_version(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert kg("build", str(SMALL), "-o", str(out)).exit_code == 0
    before = files(out)
    monkeypatch.setattr("kg.store.__version__", "99.0")
    result = kg("build", "--update", str(out), str(OTHER))
    assert result.exit_code == 2 and "run a full build" in result.output
    assert files(out) == before


def test_update_needs_files_and_one_output_folder(tmp_path):
    assert kg("build", "--update", str(tmp_path)).exit_code == 2
    both = kg("build", "--update", str(tmp_path / "a"), "-o", str(tmp_path / "b"), str(SMALL))
    assert both.exit_code == 2 and "-o" in both.output


def test_update_keeps_the_base_of_the_build(tmp_path):
    out = tmp_path / "out"
    assert kg("build", str(SMALL), "-o", str(out), "--base", "https://data.example.cn/r/").exit_code == 0
    assert kg("build", "--update", str(out), str(SMALL)).exit_code == 0
    assert all(iri.startswith("https://data.example.cn/r/") for iri in entity_iris(out))
    other = kg("build", "--update", str(out), str(SMALL), "--base", "https://elsewhere.example/")
    assert other.exit_code == 2 and "base" in other.output
