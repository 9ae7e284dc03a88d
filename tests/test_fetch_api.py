"""`kamervragen fetch` against payloads in the shapes the real Tweede Kamer API gives: Amsterdam days, paging
through a mirror, a server that ignores $expand, rows of an unexpected shape, Word 97 files and the API's
subject sentence. A real HTTP server on loopback answers; its Zaak endpoint filters GestartOp as the API does."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from werkzeug import Request, Response

from converter.cli import main
from converter.fetch.http import FetchError
from converter.fetch.tk import next_page, parse_zaak
from converter.read.doc import soffice

HERE = Path(__file__).parent
ZAAK = json.loads((HERE / "fixtures/fetch/zaak-2023Z19901.json").read_text(encoding="utf-8"))
ROW = ZAAK["value"][0]
XML = (HERE / "fixtures/xml/ah-tk-20232024-9901.xml").read_bytes()
META = (HERE / "fixtures/xml/ah-tk-20232024-9901/metadata.xml").read_bytes()
TK = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"


def _case(number: str, started: str, **fields: object) -> dict:
    row = copy.deepcopy(ROW)
    row.update(Id=f"5f2c0b6e-1111-4a5b-9c3d-00000{number[-7:].replace('Z', '0')}", Nummer=number,
               GestartOp=started, Document=[], **fields)
    return row


def _run(httpserver, tmp_path: Path, *args: str, api: str = "/api/"):  # noqa: ANN001, ANN202
    env = {"KAMERVRAGEN_TK_API": httpserver.url_for(api), "KAMERVRAGEN_OB_URL": httpserver.url_for("/ob/")}
    return CliRunner().invoke(
        main, ["fetch", *args, "--cache", str(tmp_path / "cache"), "--out", str(tmp_path / "out")], env=env
    )


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _filtering(rows: list[dict]):  # noqa: ANN202
    """A Zaak endpoint that applies `GestartOp ge …` and `GestartOp lt …` to the rows, as the API does."""

    def handler(request: Request) -> Response:
        filter_ = request.args.get("$filter", "")
        ge = re.search(r"GestartOp ge (\S+)", filter_)
        lt = re.search(r"GestartOp lt (\S+)", filter_)
        value = [r for r in rows
                 if (not ge or _moment(r["GestartOp"]) >= _moment(ge[1]))
                 and (not lt or _moment(r["GestartOp"]) < _moment(lt[1]))]
        return Response(json.dumps({"value": value}), content_type="application/json")

    return handler


CASES = [
    _case("2024Z00305", "2024-03-05T00:00:00+01:00"),
    _case("2024Z00306", "2024-03-06T00:00:00+01:00"),  # winter time
    _case("2024Z00307", "2024-03-07T00:00:00+01:00"),
    _case("2024Z00630", "2024-06-30T00:00:00+02:00"),
    _case("2024Z00701", "2024-07-01T00:00:00+02:00"),  # summer time
    _case("2024Z00702", "2024-07-02T00:00:00+02:00"),
]


@pytest.mark.parametrize("since,until,expected", [
    ("2024-03-06", "2024-03-06", ["2024Z00306"]),
    ("2024-07-01", "2024-07-01", ["2024Z00701"]),
    ("2024-03-06", "2024-07-01", ["2024Z00306", "2024Z00307", "2024Z00630", "2024Z00701"]),
])
def test_since_and_until_are_amsterdam_days(httpserver, tmp_path, since, until, expected) -> None:
    httpserver.expect_request("/api/Zaak").respond_with_handler(_filtering(CASES))
    result = _run(httpserver, tmp_path, "--since", since, "--until", until)
    found = sorted(set(re.findall(r"zaak (\d{4}Z\d{5}) has no documents yet", result.output)))
    assert found == expected, result.output


def test_dates_in_the_data_are_amsterdam_days() -> None:
    late_utc = parse_zaak(dict(ROW, GestartOp="2024-03-05T23:00:00Z"))  # midnight in Amsterdam, winter
    summer = parse_zaak(dict(ROW, GestartOp="2024-06-30T22:30:00Z"))  # 00:30 in Amsterdam, summer
    local = parse_zaak(dict(ROW, GestartOp="2024-03-06T00:00:00+01:00"))
    assert (late_utc.started, summer.started, local.started) == (
        dt.date(2024, 3, 6), dt.date(2024, 7, 1), dt.date(2024, 3, 6))


def test_paging_through_a_mirror_stays_at_the_mirror(httpserver, tmp_path) -> None:
    first, second = CASES[1], CASES[4]
    httpserver.expect_request("/mirror/Zaak", query_string={"$skip": "250"}).respond_with_json({"value": [second]})
    httpserver.expect_request("/mirror/Zaak").respond_with_json(
        {"value": [first], "@odata.nextLink": f"{TK}Zaak?$skip=250"})  # the official host, as the API writes it
    result = _run(httpserver, tmp_path, "--since", "2024-01-01", "--timeout", "2", api="/mirror/")
    assert "2 cases" in result.output, result.output
    assert [r.args.get("$skip") for r, _ in httpserver.log if r.path == "/mirror/Zaak"] == [None, "250"]


def test_next_links_resolve_against_the_base_asked_for() -> None:
    mirror = "http://127.0.0.1:8000/tk/"
    page = f"{mirror}Zaak?$filter=x"
    assert next_page(f"{TK}Zaak?$skip=250", mirror, page) == f"{mirror}Zaak?$skip=250"
    assert next_page("Zaak?$skip=500", mirror, page) == f"{mirror}Zaak?$skip=500"
    assert next_page(f"{mirror}Zaak?$skip=750", mirror, page) == f"{mirror}Zaak?$skip=750"
    assert next_page(None, mirror, page) == ""
    with pytest.raises(FetchError, match="leads away from"):
        next_page("https://elders.example.org/Zaak?$skip=250", mirror, page)


def test_a_server_that_ignores_expand_is_told_from_no_documents_yet(httpserver, tmp_path) -> None:
    bare = {k: v for k, v in CASES[1].items() if k not in ("ZaakActor", "Document")}
    bare2 = {k: v for k, v in CASES[2].items() if k not in ("ZaakActor", "Document")}
    empty = CASES[4]  # expanded, with no documents yet
    httpserver.expect_request("/api/Zaak").respond_with_json({"value": [bare, bare2, empty]})
    result = _run(httpserver, tmp_path, "--since", "2024-01-01")
    assert result.exit_code == 2
    assert result.output.count("ignored $expand") == 1, result.output  # one sentence for the run
    assert "2024Z00306" in result.output and "2024Z00307" in result.output
    assert "zaak 2024Z00701 has no documents yet" in result.output
    assert "2024Z00306 has no documents yet" not in result.output
    assert "1 cases" in result.output


BAD_ROWS = [
    ("a string", "expected a JSON object, got str"),
    ({k: v for k, v in CASES[1].items() if k != "Nummer"}, "no Nummer"),
    (dict(CASES[1], Nummer=2024), "Nummer 2024: expected a zaak number"),
    (dict(CASES[1], Id="5f2c0b6e 1111>4a5b"), "Id '5f2c0b6e 1111>4a5b': expected an API identifier"),
    (dict(CASES[1], ZaakActor=["M. Bakker-Smit"]), "ZaakActor[0]: expected a JSON object, got str"),
    (dict(CASES[1], ZaakActor=[dict(ROW["ZaakActor"][0], Persoon_Id="b0 00>")]), "Persoon_Id 'b0 00>'"),
    (dict(CASES[1], ZaakActor=[dict(ROW["ZaakActor"][0], Persoon="Bakker")]), "Persoon: expected a JSON object"),
    (dict(CASES[1], ZaakActor=[dict(ROW["ZaakActor"][0], ActorNaam="?", Persoon=None)]), "no name in ActorNaam"),
    (dict(CASES[1], GestartOp=20240306), "GestartOp 20240306: expected a date-time"),
    (dict(CASES[1], Onderwerp={"nl": "x"}), "Onderwerp {'nl': 'x'}: expected a string"),
    (dict(CASES[1], Document="geen"), "Document 'geen': expected a list of objects"),
    (dict(CASES[1], Document=[dict(ROW["Document"][0], Id="../../etc")]), "Document[0]: Id '../../etc'"),
]


def test_rows_of_an_unexpected_shape_are_reported_and_the_others_go_on(httpserver, tmp_path) -> None:
    httpserver.expect_request("/api/Zaak").respond_with_json({"value": [r for r, _ in BAD_ROWS] + [CASES[4]]})
    result = _run(httpserver, tmp_path, "--since", "2024-01-01")
    assert result.exit_code == 2 and "Traceback" not in result.output
    failed = [line for line in result.output.splitlines() if line.startswith("FAILED")]
    assert len(failed) == len(BAD_ROWS), result.output  # one sentence each
    for (_, words), line in zip(BAD_ROWS, failed, strict=True):
        assert words in line and "skipped" in line, line
    assert "zaak 2024Z00701 has no documents yet" in result.output and "1 cases" in result.output


def _with_document(content_type: str) -> dict:
    doc = dict(ROW["Document"][0], Aanhangselnummer=None, ContentType=content_type, DocumentNummer="2009D01234")
    return dict(CASES[1], Document=[doc])


def test_a_word_97_file_is_saved_as_doc_and_read_never_saved_as_bin(httpserver, tmp_path) -> None:
    httpserver.expect_request("/api/Zaak").respond_with_json({"value": [_with_document("application/msword")]})
    httpserver.expect_request("/api/Document(d0000000-0000-4000-8000-000000000001)/resource").respond_with_data(
        (HERE / "fixtures/doc/ah-777.doc").read_bytes(), content_type="application/msword")
    result = _run(httpserver, tmp_path, "2024Z00306")
    saved = [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name != "answer.json"]
    assert saved == ["2009D01234.doc"], saved
    assert "Traceback" not in result.output
    if soffice() is None:  # refused in one sentence, naming what would read it
        assert result.exit_code == 2 and "2009D01234.doc: a Word 97-2003 document" in result.output
        return
    assert result.exit_code == 0, result.output
    g = Graph().parse(next((tmp_path / "out").glob("2024Z00306-*.ttl")))
    texts = {str(o) for o in g.objects(None, URIRef("https://schema.org/text"))}
    assert "Kent u het bericht «Gemeenten ruimen op»?" in texts and "Dat zijn er twaalf, in 2025." in texts


def test_a_media_type_we_cannot_read_is_refused_in_one_sentence(httpserver, tmp_path) -> None:
    httpserver.expect_request("/api/Zaak").respond_with_json({"value": [_with_document("application/x-foo")]})
    result = _run(httpserver, tmp_path, "2024Z00306")
    assert result.exit_code == 2
    assert "media type 'application/x-foo', which kamervragen does not read" in result.output
    assert not [r for r, _ in httpserver.log if "resource" in r.path]  # nothing downloaded to guess at
    assert not [p for p in (tmp_path / "cache").rglob("*.bin")]


def test_the_letters_own_title_is_kept_and_the_api_subject_beside_it(httpserver, tmp_path) -> None:
    httpserver.expect_request("/api/Zaak").respond_with_json(ZAAK)
    httpserver.expect_request("/ob/ah-tk-20232024-9901.xml").respond_with_data(XML, content_type="application/xml")
    httpserver.expect_request("/ob/ah-tk-20232024-9901/metadata.xml").respond_with_data(META)
    httpserver.expect_request(
        "/api/Document(d0000000-0000-4000-8000-000000000002)/resource").respond_with_data("gone", status=404)
    _run(httpserver, tmp_path, "2023Z19901")
    g = Graph().parse(tmp_path / "out/2023Z19901-ah-tk-20232024-9901.ttl")
    qs = URIRef("https://w3id.org/kamervragen/id/zaak/2023Z19901")
    assert list(g.objects(qs, DCTERMS.title)) == [
        Literal("het bericht dat veerponten in de winter stilliggen", lang="nl")]
    assert list(g.objects(qs, DCTERMS.alternative)) == [Literal(ROW["Onderwerp"], lang="nl")]


def test_what_fetch_writes_passes_validate_graph_by_graph(httpserver, tmp_path) -> None:
    httpserver.expect_request("/api/Zaak").respond_with_json(ZAAK)
    httpserver.expect_request("/ob/ah-tk-20232024-9901.xml").respond_with_data(XML, content_type="application/xml")
    httpserver.expect_request("/ob/ah-tk-20232024-9901/metadata.xml").respond_with_data(META)
    httpserver.expect_request(
        "/api/Document(d0000000-0000-4000-8000-000000000002)/resource").respond_with_data("gone", status=404)
    _run(httpserver, tmp_path, "2023Z19901")
    written = sorted((tmp_path / "out").glob("2023Z19901-*"))
    assert {p.suffix for p in written} == {".ttl", ".jsonld", ".nt", ".trig"}
    result = CliRunner().invoke(main, ["validate", "--format", "json", *map(str, written)])
    assert result.exit_code == 0, result.output
    trig = next(r for r in json.loads(result.stdout)["records"] if r["file"].endswith(".trig"))
    assert len(trig["graphs"]) == 3 and all(g["no_violations"] for g in trig["graphs"])  # text, API, default


def test_amsterdam_days_need_no_system_time_zone_database() -> None:
    """On a system without /usr/share/zoneinfo (minimal containers, Windows) the tzdata package serves."""
    import subprocess
    import sys

    code = ("import datetime as dt; from converter.fetch.fields import day_start; "
            "print(day_start(dt.date(2024, 3, 6)), day_start(dt.date(2024, 7, 1)))")
    env = {"PYTHONTZPATH": "", "PATH": ""}  # no system time-zone folders at all
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False,
                          cwd=HERE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2024-03-06T00:00:00+01:00", "2024-07-01T00:00:00+02:00"]
