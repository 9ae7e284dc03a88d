"""`kamervragen fetch` against a real HTTP server on loopback, replaying answers in the services' shapes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, PROV
from werkzeug import Response

from converter.cli import main
from converter.fetch.http import USER_AGENT, Client, FetchError, NotFound, Politeness
from converter.fetch.tk import aanhangsel_id

HERE = Path(__file__).parent
ZAAK = json.loads((HERE / "fixtures/fetch/zaak-2023Z19901.json").read_text(encoding="utf-8"))
XML = (HERE / "fixtures/xml/ah-tk-20232024-9901.xml").read_bytes()
META = (HERE / "fixtures/xml/ah-tk-20232024-9901/metadata.xml").read_bytes()
KV_BASE = "https://w3id.org/kamervragen/id/"


def _serve_case(httpserver) -> None:
    httpserver.expect_request("/api/Zaak").respond_with_json(ZAAK)
    httpserver.expect_request("/ob/ah-tk-20232024-9901.xml").respond_with_data(
        XML, content_type="application/xml"
    )
    httpserver.expect_request("/ob/ah-tk-20232024-9901/metadata.xml").respond_with_data(
        META, content_type="text/xml"
    )
    # the delay notice is missing at both sources: reported, never stops the answer
    httpserver.expect_request(
        "/api/Document(d0000000-0000-4000-8000-000000000002)/resource"
    ).respond_with_data("Not found", status=404)


def _run(httpserver, tmp_path: Path, *args: str):
    env = {
        "KAMERVRAGEN_TK_API": httpserver.url_for("/api/"),
        "KAMERVRAGEN_OB_URL": httpserver.url_for("/ob/"),
    }
    return CliRunner().invoke(
        main, ["fetch", *args, "--cache", str(tmp_path / "cache"), "--out", str(tmp_path / "out")], env=env
    )


def test_fetch_converts_the_answer_and_reports_the_missing_document(httpserver, tmp_path):
    _serve_case(httpserver)
    result = _run(httpserver, tmp_path, "2023Z19901")
    assert result.exit_code == 2, result.output  # the missing delay notice is an input error ...
    assert "2023D52001" in result.output and "not found" in result.output
    out = tmp_path / "out"
    stem = "2023Z19901-ah-tk-20232024-9901"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}.{x}" for x in ("ttl", "jsonld", "nt", "trig")
    )
    g = Graph().parse(out / f"{stem}.ttl")  # ... and the answer was converted all the same
    qs = URIRef(f"{KV_BASE}zaak/2023Z19901")
    # the API's own Ids mint the IRIs (one code path with the letters: converter/reconcile)
    assert {str(o) for o in g.objects(qs, URIRef("https://w3id.org/kamervragen/def#askedBy"))} == {
        f"{KV_BASE}persoon/b0000000-0000-4000-8000-000000000001",
        f"{KV_BASE}persoon/b0000000-0000-4000-8000-000000000002",
    }
    sames = {(str(s), str(o)) for s, o in g.subject_objects(OWL.sameAs)}
    assert (
        f"{KV_BASE}persoon/b0000000-0000-4000-8000-000000000002",
        "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon(b0000000-0000-4000-8000-000000000002)",
    ) in sames
    assert (
        f"{KV_BASE}partij/c0000000-0000-4000-8000-000000000002",
        "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Fractie(c0000000-0000-4000-8000-000000000002)",
    ) in sames
    assert (
        f"{KV_BASE}ministerie/mnre1130",
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1130",
    ) in sames
    assert (
        f"{KV_BASE}ministerie/mnre1034",
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1034",
    ) in sames


def test_the_letter_and_the_api_name_one_resource_per_person_party_and_office(httpserver, tmp_path):
    _serve_case(httpserver)
    result = _run(httpserver, tmp_path, "2023Z19901")
    assert "unmatched" not in result.output, result.output
    g = Graph().parse(tmp_path / "out/2023Z19901-ah-tk-20232024-9901.ttl")
    schema = "https://schema.org/"
    for kind in ("https://schema.org/Person", "https://w3id.org/kamervragen/def#PoliticalParty",
                 "https://w3id.org/kamervragen/def#Office"):
        nodes = set(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(kind)))
        names = [str(n) for node in nodes for n in g.objects(node, URIRef(f"{schema}name"))]
        assert len(names) == len(set(names)) == len(nodes), (kind, names)
    # the letter's 'Bakker-Smit' is the API's Persoon b…01: its spelling is an alternate name of that resource
    asker = URIRef(f"{KV_BASE}persoon/b0000000-0000-4000-8000-000000000001")
    assert {str(n) for n in g.objects(asker, URIRef(f"{schema}alternateName"))} >= {"Bakker-Smit"}


def test_api_wins_and_both_sources_are_kept_apart(httpserver, tmp_path):
    _serve_case(httpserver)
    _run(httpserver, tmp_path, "2023Z19901")
    ds = Dataset().parse(tmp_path / "out/2023Z19901-ah-tk-20232024-9901.trig", format="trig")
    api_graph = ds.graph(URIRef(f"{KV_BASE}graaf/tk/zaak/2023Z19901"))
    text_graph = ds.graph(URIRef(f"{KV_BASE}graaf/aanhangsel/ah-tk-20232024-9901"))
    qs = URIRef(f"{KV_BASE}zaak/2023Z19901")
    submitted = URIRef("http://purl.org/dc/terms/dateSubmitted")
    # the API says the case started on 5 December; the text said 4 December: the API wins
    assert [str(o) for o in api_graph.objects(qs, submitted)] == ["2023-12-05"]
    assert list(text_graph.objects(qs, submitted)) == []
    assert len(text_graph) > 30 and any(
        True for _ in text_graph.subjects(URIRef("https://schema.org/acceptedAnswer"), None)
    )
    derived = {(str(s), str(o)) for s, o in ds.default_graph.subject_objects(PROV.wasDerivedFrom)}
    assert (
        f"{KV_BASE}graaf/tk/zaak/2023Z19901",
        "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak(5f2c0b6e-1111-4a5b-9c3d-000000019901)",
    ) in derived
    assert any(
        s == f"{KV_BASE}graaf/aanhangsel/ah-tk-20232024-9901" and "/bron/sha256-" in o for s, o in derived
    )


def test_second_run_downloads_nothing(httpserver, tmp_path):
    _serve_case(httpserver)
    _run(httpserver, tmp_path, "2023Z19901")
    before = len(httpserver.log)
    missing = sum(1 for request, _ in httpserver.log if "resource" in request.path)
    result = _run(httpserver, tmp_path, "2023Z19901")
    asked_again = [r.path for r, _ in httpserver.log[before:]]
    # only the document that was missing is asked for again; everything the cache has is not
    assert asked_again == ["/api/Document(d0000000-0000-4000-8000-000000000002)/resource"] and missing == 1
    assert "0 downloads" in result.output


def test_paging_follows_next_link(httpserver, tmp_path):
    second = dict(
        ZAAK["value"][0], Id="5f2c0b6e-2222-4a5b-9c3d-000000019902", Nummer="2023Z19902", Document=[]
    )
    httpserver.expect_request("/api/Zaak", query_string="page=2").respond_with_json({"value": [second]})
    httpserver.expect_request("/api/Zaak").respond_with_json(
        {"value": ZAAK["value"], "@odata.nextLink": httpserver.url_for("/api/Zaak?page=2")}
    )
    httpserver.expect_request("/ob/ah-tk-20232024-9901.xml").respond_with_data(XML)
    httpserver.expect_request("/ob/ah-tk-20232024-9901/metadata.xml").respond_with_data(META)
    httpserver.expect_request(
        "/api/Document(d0000000-0000-4000-8000-000000000002)/resource"
    ).respond_with_data("gone", status=404)
    result = _run(httpserver, tmp_path, "--since", "2023-12-01", "--until", "2023-12-31")
    assert "2 cases" in result.output and "2023Z19902 has no documents yet" in result.output
    first = next(r for r, _ in httpserver.log if r.path == "/api/Zaak")
    assert "GestartOp ge 2023-12-01T00:00:00+01:00" in first.args["$filter"]  # Amsterdam days
    assert "GestartOp lt 2024-01-01T00:00:00+01:00" in first.args["$filter"]
    assert [r.args.get("page") for r, _ in httpserver.log if r.path == "/api/Zaak"] == [None, "2"]


def test_unknown_zaak_and_bad_arguments_are_input_errors(httpserver, tmp_path):
    httpserver.expect_request("/api/Zaak").respond_with_json({"value": []})
    result = _run(httpserver, tmp_path, "2023Z00001")
    assert result.exit_code == 2 and "no case of Soort 'Schriftelijke vragen'" in result.output
    assert _run(httpserver, tmp_path, "Z-12").exit_code == 2
    assert _run(httpserver, tmp_path).exit_code == 2  # neither numbers nor --since


def test_unreachable_service_is_a_clear_error_within_the_timeout(tmp_path):
    env = {"KAMERVRAGEN_TK_API": "http://127.0.0.1:9/api/"}  # the discard port: nothing listens
    started = time.monotonic()
    result = CliRunner().invoke(
        main, ["fetch", "2023Z19901", "--cache", str(tmp_path), "--timeout", "1"], env=env
    )
    assert result.exit_code == 2 and "cannot connect" in result.output
    assert "Traceback" not in result.output and time.monotonic() - started < 30


def test_slow_service_times_out(httpserver, tmp_path):
    def slow(request):
        time.sleep(1.5)
        return Response(json.dumps(ZAAK), content_type="application/json")

    httpserver.expect_request("/api/Zaak").respond_with_handler(slow)
    started = time.monotonic()
    result = _run(httpserver, tmp_path, "2023Z19901", "--timeout", "0.3")
    assert result.exit_code == 2 and "no answer within 0.3 s" in result.output
    assert time.monotonic() - started < 1.5 + 1.0  # one attempt, not one per retry


def test_429_retry_after_is_honoured(httpserver):
    httpserver.expect_oneshot_request("/x").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "2"}
    )
    httpserver.expect_request("/x").respond_with_json({"value": []})
    waits: list[float] = []
    client = Client(Politeness(rate=1000, backoff=0.01), sleep=waits.append)
    assert client.get_json(httpserver.url_for("/x")) == {"value": []}
    assert 2.0 in waits and client.requests == 2


def test_500_then_success_and_the_user_agent(httpserver):
    httpserver.expect_oneshot_request("/x").respond_with_data("oops", status=500)
    httpserver.expect_request("/x").respond_with_data("fine")
    client = Client(Politeness(rate=1000, backoff=0.01))
    assert client.get(httpserver.url_for("/x")).text == "fine"
    assert client.requests == 2
    assert all(r.headers["User-Agent"] == USER_AGENT for r, _ in httpserver.log)
    assert USER_AGENT.startswith("kamervragen-ld/")


def test_persistent_5xx_and_404_raise(httpserver):
    httpserver.expect_request("/down").respond_with_data("oops", status=503)
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    client = Client(Politeness(rate=1000, backoff=0.01, retries=2))
    with pytest.raises(FetchError, match="kept failing"):
        client.get(httpserver.url_for("/down"))
    with pytest.raises(NotFound):
        client.get(httpserver.url_for("/gone"))


def test_rate_limit_spaces_requests(httpserver):
    httpserver.expect_request("/x").respond_with_data("ok")
    client = Client(Politeness(rate=10))
    started = time.monotonic()
    for _ in range(5):
        client.get(httpserver.url_for("/x"))
    assert time.monotonic() - started >= 0.39


def test_aanhangselnummer_to_identifier():
    assert aanhangsel_id("242501244") == "ah-tk-20242025-1244"
    assert aanhangsel_id("232409901") == "ah-tk-20232024-9901"
    assert aanhangsel_id(None) is None and aanhangsel_id("") is None
