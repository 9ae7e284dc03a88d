"""Issue 14, point 1: every outside value becomes a valid IRI (percent-encoded) or is refused for its letter.

The property tests feed every character class through every reader (text, XML, Word, PDF) and every writer
(Turtle, N-Triples, N-Quads, TriG, JSON-LD; the fast and the reference engine, the dumps and fetch's TriG) and
parse each output back with rdflib and with pyoxigraph: the same triples must come back."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from xml.sax.saxutils import escape

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef
from test_docx import make_letter
from test_pdf import FOOT_1, HEADER, PAGE_2, write_pdf

from converter.cli import main
from converter.errors import InputError
from converter.fastpath import oxigraph_triples, serialize_all
from converter.fetch.records import ApiActor, ApiZaak
from converter.graph import build_api_graph, build_graph, graph_iri
from converter.iri import IriError, encode_iri, file_stem, iri_segment, mint_iri, page_folder
from converter.publish import serialize_graph
from converter.publish.dumps import merge_graphs, serialize_dumps
from converter.read import read_letter

ROOT = Path(__file__).resolve().parents[1]
TEXT_LETTER = ROOT / "examples" / "letters" / "docxtext_ah619-2024Z16021.txt"
XML_LETTER = ROOT / "tests" / "fixtures" / "xml" / "ah-tk-20232024-9901.xml"
TEXT_URL = "https://capaciteitskaart.netbeheernederland.nl"
XML_URL = "https://www.example.org/nieuws/veerponten-winter"

# Every class of character a hostile value may hold
CLASSES = {
    "iri-delimiters": " <>\"{}|\\^`",
    "reserved": ":/?#[]@!$&'()*+,;=",
    "percent": "%%41%zz%",
    "c0-controls": "".join(map(chr, range(0x00, 0x20))) + "\x7f",
    "c1-controls": "".join(map(chr, range(0x80, 0xA0))),
    "line-breaks": "\n\r\x85\u2028\u2029\x0b\x0c",
    "latin": "éüßÆ€",
    "non-latin": "Σλ中文אב",
    "bidi-and-format": "\u200e\u200f\u202a\u202e\u200b\u00ad\ufeff",
    "spaces": "\u00a0\u3000\u2009",
    "private-and-noncharacters": "\ue000\uf8ff\ufdd0\ufffe\uffff",
    "astral": "😀𝔘\U000e0001",
    "turtle-syntax": '@prefix x: <y> . """ \' ; , _:b ^^',
}
EVERYTHING = "".join(CLASSES.values())


def _xml_ok(char: str) -> bool:
    """Characters XML 1.0 can carry (the XML and Word readers cannot be given the others at all)."""
    code = ord(char)
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


values = st.lists(st.sampled_from(sorted(CLASSES)), min_size=1, max_size=4).flatmap(
    lambda names: st.text(alphabet="".join(CLASSES[n] for n in names), min_size=1, max_size=12))


# --- the checked place itself ------------------------------------------------------------------------------


@given(st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_any_text_after_a_scheme_becomes_a_valid_iri(value: str) -> None:
    iri = encode_iri("https://example.org/" + value)
    ox.NamedNode(iri)  # raises if invalid
    assert Graph().parse(data=f"<{iri}> <http://p> <{iri}> .", format="nt")
    assert iri == encode_iri(iri), "encoding is idempotent: an encoded IRI stays as it is"


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_character_class_is_encoded_or_kept_as_rfc_3987_allows(name: str) -> None:
    iri = encode_iri(f"https://example.org/a{CLASSES[name]}b?q={CLASSES[name]}#f{CLASSES[name]}")
    ox.NamedNode(iri)
    assert not any(c in iri for c in " <>\"{}|\\^`\n\r\x00\x01\u2028\u200e")


def test_a_valid_iri_is_kept_as_it_is() -> None:
    for iri in ("https://w3id.org/kamervragen/id/zaak/2024Z18285", "https://nos.nl/artikel/1-a?x=1&y=2#top",
                "https://[::1]:8080/x", "https://example.org/caf%C3%A9", "https://example.org/café"):
        assert encode_iri(iri) == iri


@pytest.mark.parametrize("value", ["geen-adres", "https://example.org:poort/x", "https://[zz]/x", ""])
def test_a_value_no_encoding_makes_an_iri_is_refused_with_one_sentence(value: str) -> None:
    with pytest.raises(IriError, match=r"^brief\.txt: footnote 3: .* cannot be made an IRI \(.+\); expected") as info:
        mint_iri(value, "brief.txt: footnote 3")
    assert isinstance(info.value, InputError) and "\n" not in str(info.value)


def test_segments_file_stems_and_page_folders_are_safe() -> None:
    assert iri_segment("2024Z18285") == "2024Z18285"
    assert iri_segment('a>b"c\nd%') == "a%3Eb%22c%0Ad%25"
    assert iri_segment("..") == "%2E%2E" and iri_segment("") == "%20"
    assert file_stem("../../etc/passwd") == "etc-passwd" and file_stem("\n") == "file"
    base = "https://w3id.org/kamervragen/id/"
    assert page_folder(base + "zaak/2024Z18285", base) == "zaak/2024Z18285"
    for bad in ("zaak/x\n", "zaak/a%3E", "zaak/../x", "zaak/x#y"):
        assert page_folder(base + bad, base) is None


# --- the attacks of issue 14 that failed before ------------------------------------------------------------


def _xml_with_url(folder: Path, url: str, name: str = "ah-tk-20232024-9901.xml", text: str = "") -> Path:
    data = XML_LETTER.read_text(encoding="utf-8").replace(f'doc="{XML_URL}"', f'doc="{_attr(url)}"')
    data = data.replace("<al>Ja.</al>", f"<al>Ja. {escape(text)}</al>")
    path = folder / name
    path.write_text(data, encoding="utf-8")
    return path


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _dump_graphs(out: Path) -> None:
    """Every dump of a published dataset parses with rdflib and with pyoxigraph, to the same quads."""
    data = out / "data"
    nq = set(ox.parse((data / "kamervragen.nq").read_bytes(), format=ox.RdfFormat.N_QUADS))
    assert nq == set(ox.parse((data / "kamervragen.trig").read_bytes(), format=ox.RdfFormat.TRIG))
    assert len(Dataset().parse(data / "kamervragen.trig", format="trig")) >= 0
    Dataset().parse(data / "kamervragen.nq", format="nquads")
    Graph().parse(data=gzip.decompress((data / "kamervragen.nt.gz").read_bytes()), format="nt")
    Graph().parse(data / "kamervragen.ttl", format="turtle")


def test_publish_an_xml_footnote_url_with_iri_delimiters(tmp_path: Path) -> None:
    letters = tmp_path / "in"
    letters.mkdir()
    _xml_with_url(letters, 'https://www.example.org/a b<c>"{d}|e^f`g\\h')
    result = CliRunner().invoke(main, ["publish", str(letters), str(TEXT_LETTER), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    _dump_graphs(tmp_path / "out")
    nq = (tmp_path / "out" / "data" / "kamervragen.nq").read_text(encoding="utf-8")
    assert "<https://www.example.org/a%20b%3Cc%3E%22%7Bd%7D%7Ce%5Ef%60g%5Ch>" in nq


def test_publish_a_text_url_with_a_control_character(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(TEXT_LETTER.read_text(encoding="utf-8").replace(TEXT_URL, TEXT_URL + "/a\x01b"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["publish", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    _dump_graphs(tmp_path / "out")
    assert (tmp_path / "out" / ".store").is_dir(), "the SPARQL store is built from the dump"
    assert "/a%01b>" in (tmp_path / "out" / "data" / "kamervragen.nq").read_text(encoding="utf-8")


def test_a_file_name_with_a_final_newline_gives_parseable_n_triples(tmp_path: Path) -> None:
    path = _xml_with_url(tmp_path, XML_URL, name="ah-tk-20232024-9901\n.xml")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(path), "--out", str(out), "--engine", "reference", "-j", "1"])
    assert result.exit_code == 0, result.output
    for nt in out.glob("*.nt"):
        graph = Graph().parse(nt, format="nt")
        assert all("\n" not in str(s) for s in graph.subjects())
        set(ox.parse(nt.read_bytes(), format=ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize("bad", [">", '"', "\n", "a b", "x>y\"z\nw"])
def test_api_ids_holding_iri_delimiters_give_valid_rdf(bad: str) -> None:
    zaak = ApiZaak(id=f"zaak{bad}", number="2024Z18285", subject="Onderwerp", sha256="ab" * 32,
                   actors=(ApiActor("Indiener", "J. Jansen", party="VVD", person_id=f"p{bad}",
                                    party_id=f"f{bad}", person_name="Jansen"),))
    graph = build_api_graph(zaak)
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        back = Graph().parse(data=serialize_graph(graph, fmt), format=parser)
        assert len(back) == len(graph)
    trig = Dataset()
    for triple in graph:
        trig.graph(URIRef("https://w3id.org/kamervragen/id/graaf/tk/zaak/2024Z18285")).add(triple)
    set(ox.parse(trig.serialize(format="trig", encoding="utf-8"), format=ox.RdfFormat.TRIG))
    assert all(ox.NamedNode(str(s)) for s in graph.subjects())


def test_a_refused_value_leaves_out_its_letter_only(tmp_path: Path) -> None:
    letters = tmp_path / "in"
    letters.mkdir()
    _xml_with_url(letters, "https://www.example.org:poort/x")
    result = CliRunner().invoke(main, ["publish", str(letters), str(TEXT_LETTER), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["letters"] == {"published": 1, "failed": 1}
    reason = summary["failed"][0]["reason"]
    assert "ah-tk-20232024-9901.xml: the web address in footnote 1: " in reason and "cannot be made an IRI" in reason


# --- the property: every character class, every reader, every writer, two parsers --------------------------


def _writers(graph: Graph, name: URIRef) -> list[tuple[str, bytes, str]]:
    """(label, bytes, format) for every way we write a graph."""
    out = [(f"fast {fmt}", data, fmt) for fmt, data in serialize_all(graph, ("ttl", "nt", "jsonld")).items()]
    out += [(f"reference {fmt}", serialize_graph(graph, fmt), fmt) for fmt in ("ttl", "nt", "jsonld")]
    dumps = serialize_dumps({name: graph}, merge_graphs({name: graph}))
    for file, data in dumps.items():
        fmt = file.split(".", 1)[1]
        out.append((f"dump {file}", gzip.decompress(data) if fmt == "nt.gz" else data, fmt.replace(".gz", "")))
    fetch_trig = Dataset()
    for triple in graph:
        fetch_trig.graph(name).add(triple)
    out.append(("fetch trig", fetch_trig.serialize(format="trig", encoding="utf-8"), "trig"))
    return out


RDFLIB = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}
OXIGRAPH = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
            "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


def assert_every_writer_round_trips(graph: Graph, name: URIRef) -> None:
    expected = set(oxigraph_triples(graph))
    for label, data, fmt in _writers(graph, name):
        if fmt in ("trig", "nq"):
            back_rdflib = Dataset()
            back_rdflib.parse(data=data, format=RDFLIB[fmt])
            rdflib_triples = {t for g in back_rdflib.graphs() for t in oxigraph_triples(g)}
        else:
            rdflib_triples = set(oxigraph_triples(Graph().parse(data=data, format=RDFLIB[fmt])))
        assert rdflib_triples == expected, f"{label}: rdflib reads back other triples"
        ox_triples = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=OXIGRAPH[fmt])}
        assert ox_triples == expected, f"{label}: pyoxigraph reads back other triples"


def _check(path: Path) -> None:
    """Read a letter: refused with one sentence naming the file, or every writer round-trips its graph."""
    try:
        letter = read_letter(path)
        graph = build_graph(letter)
    except InputError as exc:
        assert path.name in str(exc) and "Traceback" not in str(exc)
        return
    for url in graph.objects(None, URIRef("https://schema.org/url")):
        ox.NamedNode(str(url))
    assert_every_writer_round_trips(graph, graph_iri(letter))


def _text_letter(folder: Path, value: str) -> Path:
    value = value.replace("\x00", "")  # a NUL makes the file binary data, refused before any URL is read
    url = "https://example.org/" + "".join(value.split())  # white space ends an address in text
    text = TEXT_LETTER.read_text(encoding="utf-8").replace(TEXT_URL, url)
    path = folder / "brief.txt"
    # the answer's text holds the value too, less most C0 controls (too many of them make the file binary data)
    words = "".join(c for c in value if c not in CLASSES["c0-controls"]) + "\x01\x1f"
    path.write_text(text.replace("Ja.", f"Ja. {words}"), encoding="utf-8", errors="surrogatepass")
    return path


def _word_letter(folder: Path, value: str) -> Path:
    value = "".join(c for c in value if _xml_ok(c))
    url = "https://nos.nl/" + "".join(value.split())
    return make_letter(folder / "brief.docx", ["Kent u het bericht?{1}", "Wat gaat u doen?"],
                       ["Ja.", f"Niets {escape(value)}."], {1: escape(f"NOS, {url} ")})


def _pdf_letter(folder: Path, value: str) -> Path:
    latin = "".join(c for c in value if 0x21 <= ord(c) <= 0x7E or 0xA1 <= ord(c) <= 0xFF)
    foot = [(t.replace("https://nos.nl/artikel/", f"https://nos.nl/{latin}/"), *rest) for t, *rest in FOOT_1]
    return write_pdf(folder / "ah-tk-20232024-4242.pdf", [HEADER + foot, PAGE_2])  # type: ignore[list-item]


def _xml_letter(folder: Path, value: str) -> Path:
    value = "".join(c for c in value if _xml_ok(c))
    return _xml_with_url(folder, f"https://www.example.org/{value}", text=value)


READERS = {"text": _text_letter, "xml": _xml_letter, "word": _word_letter, "pdf": _pdf_letter}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_character_class_at_once_through_every_reader_and_writer(reader: str, tmp_path: Path) -> None:
    _check(READERS[reader](tmp_path, EVERYTHING))


@pytest.mark.parametrize("reader", sorted(READERS))
@given(value=values)
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_random_values_through_every_reader_and_writer(reader: str, value: str, tmp_path: Path) -> None:
    _check(READERS[reader](tmp_path, value))


def test_the_text_reader_keeps_the_encoded_address(tmp_path: Path) -> None:
    graph = build_graph(read_letter(_text_letter(tmp_path, "a\x01b%zz")))
    urls = {str(u) for u in graph.objects(None, URIRef("https://schema.org/url"))}
    assert "https://example.org/a%01b%25zz" in urls
    assert io.BytesIO(serialize_graph(graph, "nt")).read()


def test_fetch_goes_on_past_api_ids_holding_iri_delimiters(httpserver, tmp_path: Path) -> None:
    """Before, a Persoon_Id or Fractie_Id holding '>', '"' or a newline stopped fetch and every later case with a
    traceback. Now the row is refused in one sentence (fetch/fields.py) and the next case is converted."""
    zaak = json.loads((ROOT / "tests" / "fixtures" / "fetch" / "zaak-2023Z19901.json").read_text(encoding="utf-8"))
    good = zaak["value"][0]
    good["Document"] = [d for d in good["Document"] if d["DocumentNummer"] == "2024D01901"]
    bad = json.loads(json.dumps(good))
    bad["Id"], bad["Nummer"] = 'zaak>"\nid', "2023Z19900"
    for actor in bad["ZaakActor"]:
        actor["Persoon_Id"], actor["Fractie_Id"] = 'p>"\n1', "f> 2"
    zaak["value"] = [bad, good]
    httpserver.expect_request("/api/Zaak").respond_with_json(zaak)
    httpserver.expect_request("/ob/ah-tk-20232024-9901.xml").respond_with_data(XML_LETTER.read_bytes())
    httpserver.expect_request("/ob/ah-tk-20232024-9901/metadata.xml").respond_with_data("", status=404)
    env = {"KAMERVRAGEN_TK_API": httpserver.url_for("/api/"), "KAMERVRAGEN_OB_URL": httpserver.url_for("/ob/")}
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["fetch", "--since", "2023-11-01", "--cache", str(tmp_path / "cache"),
                                       "--out", str(out)], env=env)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "expected an API identifier" in result.output
    (trig,) = out.glob("2023Z19901-*.trig")
    assert set(ox.parse(trig.read_bytes(), format=ox.RdfFormat.TRIG))
    for path in out.glob("*.nt"):
        Graph().parse(path, format="nt")


@pytest.mark.parametrize("option", [["--sparql-endpoint", "https://example.org/sparql\nx"],
                                    ["--sparql-endpoint", "https://example.org/a b"],
                                    ["--contact-email", "data@example.org\n"],
                                    ["--contact-email", "da{ta}@example.org"]])
def test_publish_options_that_are_no_iri_are_refused(tmp_path: Path, option: list[str]) -> None:
    result = CliRunner().invoke(main, ["publish", str(TEXT_LETTER), "--out", str(tmp_path / "out"), *option])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert option[0] in result.output and not (tmp_path / "out").exists()
