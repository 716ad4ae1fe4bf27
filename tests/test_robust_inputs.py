"""`kg build` pointed at whatever folder a user has: every file is built or named with a
reason, the exit code says which (0 all built, 1 some skipped, 2 usage error), and no
Python traceback is shown unless --debug."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import RDFS

from kg.cli import main
from kg.rdf.terms import KG

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("# 包头市重大项目集中开工\n\n"
           "本报包头3月1日讯（记者 张明）3月1日，包头市举行重大项目集中开工活动，共有52个项目开工，总投资386亿元。\n"
           "包头市发展和改革委员会主任李强介绍，今年全市计划完成固定资产投资1200亿元，同比增长12%。\n")
TRADITIONAL = ("# 包頭市重大項目集中開工\n\n"
               "本報包頭3月1日訊（記者 張明）3月1日，包頭市舉行重大項目集中開工活動，共有52個項目開工，總投資386億元。\n")


def kg(*args: str):
    return CliRunner().invoke(main, list(args))


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def documents(out: Path) -> dict[str, str]:
    """doc id -> encoding, of every document in OUT/graph.ttl."""
    graph = rdflib.Graph().parse(out / "graph.ttl")
    return {str(graph.value(doc, RDFS.label)): str(enc) for doc, enc in graph.subject_objects(KG.encoding)}


def skipped_lines(output: str) -> set[str]:
    return {line for line in output.splitlines() if line.startswith("kg: skipped ")}




# ---------------------------------------------------------------- a folder of everything

@pytest.fixture(scope="module")
def zoo(tmp_path_factory) -> Path:
    """A folder with a space and Chinese in its name holding every kind of file a user has."""
    root = tmp_path_factory.mktemp("zoo") / "新闻 稿件"
    mixed = ARTICLE.replace("\n", "\r\n", 2).replace("。\n", "。\r", 1)
    good = {
        "utf8 文章.txt": ARTICLE.encode("utf-8"),
        "utf8-bom.txt": ARTICLE.encode("utf-8-sig"),
        "utf16-le.txt": b"\xff\xfe" + ARTICLE.encode("utf-16-le"),
        "utf16-be.txt": b"\xfe\xff" + ARTICLE.encode("utf-16-be"),
        "gbk.txt": ARTICLE.encode("gbk"),
        "big5 繁體.txt": TRADITIONAL.encode("big5"),
        "mixed line ends.txt": mixed.encode("gb18030"),
    }
    bad = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b" \r\n\t\n", "empty file (only whitespace)"),
        "scan.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not text: looks like a PDF file"),
        "report.docx": (b"PK\x03\x04\x14\x00\x06\x00", "not text: looks like a ZIP archive (or a Word/Excel/EPUB document)"),
        "data.bin": (bytes(range(256)) * 8, "not text: contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)"),
    }
    for name, data in good.items():
        write(root / "in" / name, data)
    for name, (data, _) in bad.items():
        write(root / "in" / name, data)
    os.symlink(root / "in", root / "in" / "loop")               # a link to its own folder
    os.symlink(root / "nowhere", root / "in" / "dangling")
    return root


@pytest.fixture(scope="module")
def zoo_build(zoo):
    out = zoo / "输出 out"
    result = kg("build", str(zoo / "in"), "-o", str(out), "-j", "1")
    return result, out


def test_every_readable_file_is_built_with_its_encoding(zoo_build):
    result, out = zoo_build
    assert result.exit_code == 1, result.output
    assert documents(out) == {
        "utf8 文章.txt": "utf-8", "utf8-bom.txt": "utf-8-sig", "utf16-le.txt": "utf-16-le",
        "utf16-be.txt": "utf-16-be", "gbk.txt": "gb18030", "big5 繁體.txt": "big5",
        "mixed line ends.txt": "gb18030"}


def test_every_other_file_is_named_with_its_reason(zoo, zoo_build):
    result, _ = zoo_build
    folder = zoo / "in"
    assert skipped_lines(result.stderr) == {f"kg: skipped {folder / name}: {reason}" for name, reason in {
        "empty.txt": "empty file",
        "blank.txt": "empty file (only whitespace)",
        "scan.pdf": "not text: looks like a PDF file",
        "report.docx": "not text: looks like a ZIP archive (or a Word/Excel/EPUB document)",
        "data.bin": "not text: contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)",
        "loop": "link to a folder already read (skipped to avoid a loop)",
        "dangling": "broken symbolic link",
    }.items()}
    assert "Traceback" not in result.output


def test_text_of_each_encoding_reaches_the_graph(zoo_build):
    _, out = zoo_build
    graph = rdflib.Graph().parse(out / "graph.ttl")
    headlines = {str(h) for h in graph.objects(None, KG.headline)}
    assert headlines == {"包头市重大项目集中开工"}          # Big5 converted; no "\r" left by mixed line ends
    city = [s for s, label in graph.subject_objects(RDFS.label) if str(label) == "包头市"]
    assert len(city) == 1
    assert len(set(graph.objects(city[0], KG.mentionedIn))) == 7


def test_all_readable_gives_exit_0(tmp_path):
    write(tmp_path / "in 输入" / "a b.txt", ARTICLE.encode("utf-16"))
    result = kg("build", str(tmp_path / "in 输入" / "a b.txt"), "-o", str(tmp_path / "结果 out"), "-j", "1", "-q")
    assert result.exit_code == 0 and result.output == ""
    assert documents(tmp_path / "结果 out") == {"a b.txt": "utf-16-le"}


def test_nothing_readable_is_a_usage_error_naming_each_file(tmp_path):
    write(tmp_path / "in" / "empty.txt", b"")
    write(tmp_path / "in" / "scan.pdf", b"%PDF-1.4\n")
    result = kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 2
    assert skipped_lines(result.stderr) == {f"kg: skipped {tmp_path / 'in' / 'empty.txt'}: empty file",
                                            f"kg: skipped {tmp_path / 'in' / 'scan.pdf'}: not text: looks like a PDF file"}
    assert "no article could be read" in result.stderr and "Traceback" not in result.output


# ---------------------------------------------------------------- names

HOSTILE_NAME = "报道 \"引号\" 'x' <script>alert(1)<script> #1 %41 {}\\.txt"     # a name cannot hold "/"


def test_hostile_file_names_reach_every_output_as_text(tmp_path):
    write(tmp_path / "in" / HOSTILE_NAME, ARTICLE.encode())
    out = tmp_path / "out"
    result = kg("build", str(tmp_path / "in"), "-o", str(out), "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    assert documents(out) == {HOSTILE_NAME: "utf-8"}
    for name, fmt in (("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        assert len(rdflib.Graph().parse(out / name, format=fmt)) == len(rdflib.Graph().parse(out / "graph.ttl"))
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html


def test_a_file_name_that_is_not_utf8_is_decoded_not_fatal(tmp_path):
    """GBK names from an old Windows archive reach Python as lone surrogates."""
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        write(Path(os.fsdecode(os.fsencode(folder) + b"/" + "新闻稿.txt".encode("gbk"))), ARTICLE.encode())
    except OSError:
        pytest.skip("this file system accepts only UTF-8 names")
    out = tmp_path / "out"
    result = kg("build", str(folder), "-o", str(out), "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    assert documents(out) == {"新闻稿.txt": "utf-8"}


# ---------------------------------------------------------------- permissions

@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads every file whatever its permissions; "
                           "test_unreadable_file_is_named_even_as_root covers the message")
def test_unreadable_file_and_folder_are_named(tmp_path):
    write(tmp_path / "in" / "ok.txt", ARTICLE.encode())
    locked = write(tmp_path / "in" / "locked.txt", ARTICLE.encode())
    closed = tmp_path / "in" / "closed"
    write(closed / "inner.txt", ARTICLE.encode())
    locked.chmod(0)
    closed.chmod(0)
    try:
        result = kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "-q")
    finally:
        closed.chmod(0o755)
        locked.chmod(0o644)
    assert result.exit_code == 1
    assert skipped_lines(result.stderr) == {f"kg: skipped {locked}: permission denied",
                                            f"kg: skipped {closed}: permission denied"}


def test_unreadable_file_is_named_even_as_root(tmp_path, monkeypatch):
    """The same through the command, with the refusal simulated (root may open anything)."""
    import kg.ingest.read as read
    write(tmp_path / "in" / "ok.txt", ARTICLE.encode())
    locked = write(tmp_path / "in" / "locked.txt", ARTICLE.encode())

    def guarded_open(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)
    monkeypatch.setattr(read, "open", guarded_open, raising=False)
    result = kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "-q")
    assert result.exit_code == 1
    assert skipped_lines(result.stderr) == {f"kg: skipped {locked}: permission denied"}
    assert documents(tmp_path / "out") == {"ok.txt": "utf-8"}


# ---------------------------------------------------------------- many files

def test_two_thousand_small_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    cities = ("包头市", "赤峰市", "通辽市", "乌海市", "鄂尔多斯市")
    for n in range(2000):
        text = f"# 简讯{n}\n\n本报讯 {cities[n % 5]}今年完成投资{n + 1}亿元，同比增长{n % 20 + 1}%。\n"
        (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8")
    result = kg("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "documents   2000" in result.output
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.nt", format="nt")
    assert len(set(graph.subjects(KG.encoding))) == 2000


# ---------------------------------------------------------------- tracebacks

def test_unexpected_error_is_one_line_without_debug(tmp_path):
    source = write(tmp_path / "a.txt", ARTICLE.encode())
    (tmp_path / "file").write_text("not a folder")
    result = kg("build", str(source), "-o", str(tmp_path / "file" / "out"), "-j", "1", "-q")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kg: error:")
    assert "--debug" in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    source = write(tmp_path / "a.txt", "本报讯 包头市今年投资增长5%。\n".encode())
    (tmp_path / "file").write_text("not a folder")
    done = subprocess.run([sys.executable, "-m", "kg", "--debug", "build", str(source), "-o",
                           str(tmp_path / "file" / "out"), "-j", "1", "-q"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode != 0
    assert "Traceback (most recent call last)" in done.stderr


# ---------------------------------------------------------------- a bug in one document

def test_a_document_that_breaks_extraction_is_named_and_the_rest_built(tmp_path, monkeypatch):
    from kg import pipeline
    write(tmp_path / "in" / "ok.txt", ARTICLE.encode())
    write(tmp_path / "in" / "odd.txt", (ARTICLE + "触发故障。\n").encode())
    real = pipeline.extract_article

    def fragile(article):
        if any("触发故障" in s.text for s in article.sentences):
            raise ArithmeticError("boom")
        return real(article)
    monkeypatch.setattr(pipeline, "extract_article", fragile)
    out = tmp_path / "out"
    result = kg("build", str(tmp_path / "in"), "-o", str(out), "-j", "1", "-q")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert skipped_lines(result.stderr) == {
        f"kg: skipped {tmp_path / 'in' / 'odd.txt'}: not built: extraction failed (ArithmeticError: boom); "
        "this is a bug of kg, please report it"}
    assert documents(out) == {"ok.txt": "utf-8"}
    debug = CliRunner().invoke(main, ["--debug", "build", str(tmp_path / "in"), "-o", str(out), "-j", "1", "-q"])
    assert isinstance(debug.exception, ArithmeticError)          # --debug: the error stops the build


# ---------------------------------------------------------------- kg query

@pytest.mark.parametrize("query", ["SELECT WHERE {", "SELECT * WHERE { ?s ?p }", "PREFIX x: <a> SELEC", "", "{}}"])
def test_invalid_sparql_is_one_line_and_exit_2(zoo_build, query):
    _, out = zoo_build
    result = kg("query", str(out), query)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize("where", ["none", "file.txt", "empty"])
def test_query_of_a_missing_build_is_one_line_and_exit_2(tmp_path, where):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "empty").mkdir()
    result = kg("query", str(tmp_path / where), "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_documents_whose_names_differ_only_in_extension_keep_their_figures_apart(tmp_path):
    """a.txt and a.json: metric ids are made from the file name without its extension,
    which the two share (the build stopped on "node id ... used by both Metric and Metric")."""
    text = "本报呼和浩特1月2日讯 2023年，呼和浩特市地区生产总值达到3329.1亿元，增长5%。\n"
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "a.json", "b.txt"):
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = kg("build", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(out / "graph.ttl")
    metrics = {str(m).rsplit("/", 1)[-1] for m in graph.subjects(rdflib.RDF.type, KG.Metric)}
    assert len(metrics) == 3
    assert any(m.startswith("b-") for m in metrics)              # a name of its own keeps the short form
