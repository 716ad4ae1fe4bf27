"""Neo4j export: neo4j-admin CSVs that parse, and that an openCypher engine can load."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kg.export.neo4j import ENTITY_HEADER, METRIC_HEADER, RELATION_HEADER, write_neo4j
from test_export_sample import HOSTILE, SCRIPT_SENTENCE, TRICKY, sample_graph

NODE_COUNTS = {"Organization": 2, "Place": 2, "Project": 1, "Person": 2, "Initiative": 1,
               "Metric": 4, "Document": 2}
REL_COUNTS = {"WORKS_FOR": 2, "LOCATED_IN": 3, "INVOLVES": 1, "ABOUT": 3, "MENTIONED_IN": 10}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("neo4j")
    write_neo4j(sample_graph(), out)
    return out


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_one_file_per_label_and_relationship_type(folder):
    names = {p.name for p in folder.iterdir()}
    assert {f"nodes_{label}.csv" for label in NODE_COUNTS} <= names
    assert {f"rels_{rel_type}.csv" for rel_type in REL_COUNTS} <= names
    assert {"constraints.cypher", "import.cypher", "style.grass"} <= names
    assert len([n for n in names if n.endswith(".csv")]) == len(NODE_COUNTS) + len(REL_COUNTS)


def test_headers_and_row_counts(folder):
    for label, count in NODE_COUNTS.items():
        header, rows = read_csv(folder / f"nodes_{label}.csv")
        assert len(rows) == count, label
        assert all(row["name"] for row in rows), f"{label} node without a name"
        if label not in ("Metric", "Document"):
            assert header == ENTITY_HEADER
            assert header == "id:ID,name,aliases:string[],subtype,notation,titles:string[],docs:string[],:LABEL".split(",")
            assert {row[":LABEL"] for row in rows} == {f"{label};Entity"}
    assert read_csv(folder / "nodes_Metric.csv")[0] == METRIC_HEADER
    for rel_type, count in REL_COUNTS.items():
        header, rows = read_csv(folder / f"rels_{rel_type}.csv")
        assert header == RELATION_HEADER and header[:5] == [":START_ID", ":END_ID", ":TYPE", "evidence", "docs:string[]"]
        assert len(rows) == count, rel_type
        assert {row[":TYPE"] for row in rows} == {rel_type}


def test_awkward_strings_survive_and_arrays_use_semicolons(folder):
    _, orgs = read_csv(folder / "nodes_Organization.csv")
    tricky = next(row for row in orgs if row["id:ID"] == "org/tricky")
    assert tricky["name"] == TRICKY                          # quotes, comma, newline, backslash, ;
    assert set(tricky["aliases:string[]"].split(";")) == {"a；b", 'c,"d"'}
    assert 'He said ""hi""' in (folder / "nodes_Organization.csv").read_text(encoding="utf-8")
    _, places = read_csv(folder / "nodes_Place.csv")
    city = next(row for row in places if row["id:ID"] == "place/150100")
    assert city["aliases:string[]"] == "呼和浩特;青城" and city["notation"] == "150100"
    _, persons = read_csv(folder / "nodes_Person.csv")
    assert HOSTILE in {row["name"] for row in persons}
    _, documents = read_csv(folder / "nodes_Document.csv")
    assert documents[0]["headlines:string[]"] == "呼和浩特市重大项目集中开工;A股上市公司增至30家"   # article order
    _, works = read_csv(folder / "rels_WORKS_FOR.csv")
    assert SCRIPT_SENTENCE in {row["evidence"] for row in works}


def test_metric_nodes_are_typed_and_linked_to_their_subject(folder):
    _, metrics = read_csv(folder / "nodes_Metric.csv")
    gdp = next(row for row in metrics if row["id:ID"] == "metric/1")
    assert gdp["name"] == gdp["indicator"] == "地区生产总值"
    assert float(gdp["value:float"]) == 3.8027e11 and gdp["raw"] == "3802.7亿元"
    assert int(gdp["year:int"]) == 2022 and float(gdp["change:float"]) == 4.5 and gdp["doc"] == "001_aaaa.txt"
    bare = next(row for row in metrics if row["id:ID"] == "metric/3")
    assert bare["value:float"] == "" and bare["year:int"] == ""   # absent, not "None"
    _, about = read_csv(folder / "rels_ABOUT.csv")
    assert ("metric/1", "place/150100") in {(r[":START_ID"], r[":END_ID"]) for r in about}


def test_relationship_ends_exist_and_dangling_relations_are_dropped(folder):
    ids = set()
    for label in NODE_COUNTS:
        ids |= {row["id:ID"] for row in read_csv(folder / f"nodes_{label}.csv")[1]}
    for rel_type in REL_COUNTS:
        for row in read_csv(folder / f"rels_{rel_type}.csv")[1]:
            assert row[":START_ID"] in ids and row[":END_ID"] in ids
    assert "org/missing" not in (folder / "rels_WORKS_FOR.csv").read_text(encoding="utf-8")


def test_scripts_cover_every_file(folder):
    constraints = (folder / "constraints.cypher").read_text(encoding="utf-8")
    for label in list(NODE_COUNTS) + ["Entity"]:
        assert f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE;" in constraints
    assert constraints.count("CREATE CONSTRAINT") == len(NODE_COUNTS) + 1
    assert all(" IF NOT EXISTS " in line for line in constraints.splitlines() if line.startswith("CREATE"))
    script = (folder / "import.cypher").read_text(encoding="utf-8")
    loaded = set(re.findall(r"LOAD CSV WITH HEADERS FROM 'file:///([^']+)' AS row", script))
    assert loaded == {p.name for p in folder.glob("*.csv")}
    assert "row.`id:ID`" in script and "toFloat(row.`value:float`)" in script
    assert "split(row.`aliases:string[]`, ';')" in script
    grass = (folder / "style.grass").read_text(encoding="utf-8")
    assert 'caption: "{name}";' in grass and "node.Organization {" in grass


def test_reserved_entity_type_is_refused(tmp_path):
    kg = sample_graph()
    kg.entities["place/150100"].type = "Metric"
    with pytest.raises(ValueError, match="reserves"):
        write_neo4j(kg, tmp_path)


# ---------------------------------------------------------------- a real openCypher engine

KUZU_TYPES = {"ID": "STRING", "string[]": "STRING[]", "float": "DOUBLE", "int": "INT64", "": "STRING"}


def _cell(kind: str, text: str):
    if text == "":
        return None
    if kind == "string[]":
        return text.split(";")
    if kind == "float":
        return float(text)
    if kind == "int":
        return int(text)
    return text


def load_into_kuzu(folder: Path, db_path: Path):
    """Translate the neo4j-admin CSVs into Kùzu tables and CREATE statements."""
    kuzu = pytest.importorskip("kuzu", reason="embedded openCypher engine kuzu not installed (pip install kuzu==0.11.3)")
    conn = kuzu.Connection(kuzu.Database(str(db_path)))
    label_of: dict[str, str] = {}
    for path in sorted(folder.glob("nodes_*.csv")):
        label = path.stem.removeprefix("nodes_")
        header, rows = read_csv(path)
        columns = [(c, c.partition(":")[0], c.partition(":")[2]) for c in header if not c.startswith(":")]
        ddl = ", ".join(f"`{name}` {KUZU_TYPES[kind]}" for _, name, kind in columns)
        conn.execute(f"CREATE NODE TABLE `{label}`({ddl}, PRIMARY KEY(`id`))")
        props = ", ".join(f"`{name}`: $p{i}" for i, (_, name, _) in enumerate(columns))
        for row in rows:
            conn.execute(f"CREATE (:`{label}` {{{props}}})",
                         {f"p{i}": _cell(kind, row[col]) for i, (col, _, kind) in enumerate(columns)})
            label_of[row["id:ID"]] = label
    for path in sorted(folder.glob("rels_*.csv")):
        rel_type = path.stem.removeprefix("rels_")
        _, rows = read_csv(path)
        pairs = sorted({(label_of[r[":START_ID"]], label_of[r[":END_ID"]]) for r in rows})
        ends = ", ".join(f"FROM `{a}` TO `{b}`" for a, b in pairs)
        conn.execute(f"CREATE REL TABLE `{rel_type}`({ends}, evidence STRING, docs STRING[], role STRING)")
        for r in rows:
            conn.execute(
                f"MATCH (a:`{label_of[r[':START_ID']]}` {{id: $s}}), (b:`{label_of[r[':END_ID']]}` {{id: $e}}) "
                f"CREATE (a)-[:`{rel_type}` {{evidence: $ev, docs: $docs, role: $role}}]->(b)",
                {"s": r[":START_ID"], "e": r[":END_ID"], "ev": _cell("", r["evidence"]),
                 "docs": _cell("string[]", r["docs:string[]"]), "role": _cell("", r["role"])})
    return conn


def rows_of(conn, query: str, params: dict | None = None) -> list[list]:
    result = conn.execute(query, params or {})
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def test_csvs_load_into_an_embedded_cypher_engine(folder, tmp_path):
    conn = load_into_kuzu(folder, tmp_path / "db")
    for label, count in NODE_COUNTS.items():
        assert rows_of(conn, f"MATCH (n:`{label}`) RETURN count(n)") == [[count]], label
    for rel_type, count in REL_COUNTS.items():
        assert rows_of(conn, f"MATCH ()-[r:`{rel_type}`]->() RETURN count(r)") == [[count]], rel_type
    works = rows_of(conn, "MATCH (p:Person)-[r:WORKS_FOR]->(o:Organization) "
                          "RETURN p.name, o.name, r.docs ORDER BY p.name")
    assert works == [[HOSTILE, TRICKY, ["002_bbbb.txt"]],
                     ["王雅静", "呼和浩特市发展和改革委员会", ["001_aaaa.txt"]]]
    gdp = rows_of(conn, "MATCH (m:Metric)-[:ABOUT]->(p:Place {name: '呼和浩特市'}) RETURN m.indicator, m.value, m.year")
    assert gdp == [["地区生产总值", 3.8027e11, 2022]]
    docs = rows_of(conn, "MATCH (e:Place {id: 'place/150000'})-[:MENTIONED_IN]->(d:Document) RETURN d.name ORDER BY d.name")
    assert docs == [["001_aaaa.txt"], ["002_bbbb.txt"]]
