"""`kamervragen fetch --reference-lists DIR`: the API's Persoon, Fractie and FractieZetelPersoon lists, read
page after page from a real HTTP server on loopback answering in the API's own shape, trimmed to the CSV
files reconciliation reads, written only when every list was read; KAMERVRAGEN_REFERENCE_LISTS puts them
to use."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from converter.cli import main
from converter.reconcile.people import match_group, match_member

TK = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
P1, P2, P3 = (f"7a1b2c3d-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))
F1, F2 = "9e8d7c6b-0000-4000-8000-000000000001", "9e8d7c6b-0000-4000-8000-000000000002"
Z1, Z2 = "5a4b3c2d-0000-4000-8000-000000000001", "5a4b3c2d-0000-4000-8000-000000000002"


def _persoon(pid: str, roepnaam: str, tussenvoegsel: str | None, achternaam: str | None, functie: str) -> dict:
    return {"Id": pid, "Nummer": 59001, "Titels": None, "Initialen": roepnaam[0] + ".", "Tussenvoegsel": tussenvoegsel,
            "Achternaam": achternaam, "Voornamen": roepnaam, "Roepnaam": roepnaam, "Geslacht": "vrouw",
            "Functie": functie, "Geboortedatum": "1980-01-01", "Geboorteplaats": "Zwolle", "Geboorteland": "Nederland",
            "Overlijdensdatum": None, "Overlijdensplaats": None, "Woonplaats": "Zwolle", "Land": "NL",
            "ContentType": "image/jpeg", "ContentLength": 400000, "GewijzigdOp": "2025-02-06T16:46:09+01:00",
            "ApiGewijzigdOp": "2025-02-06T15:47:13.5076914Z", "Verwijderd": False, "Fractielabel": None}


def _fractie(fid: str, afkorting: str, naam: str, actief: str, inactief: str | None) -> dict:
    return {"Id": fid, "Nummer": 2790, "Afkorting": afkorting, "NaamNL": naam, "NaamEN": naam, "AantalZetels": 3,
            "AantalStemmen": 100000, "DatumActief": f"{actief}T00:00:00+01:00",
            "DatumInactief": f"{inactief}T00:00:00+01:00" if inactief else None, "ContentType": None,
            "ContentLength": None, "GewijzigdOp": "2025-07-31T11:26:08.0539998+02:00",
            "ApiGewijzigdOp": "2025-07-31T09:27:12.4394703Z", "Verwijderd": False}


def _zetelpersoon(pid: str, zetel: str, fractie: str | None, van: str, tot: str | None) -> dict:
    row: dict[str, object] = {
           "Id": f"{zetel[:-4]}{pid[-4:]}", "FractieZetel_Id": zetel, "Persoon_Id": pid, "Functie": "Lid",
           "Van": f"{van}T00:00:00+01:00", "TotEnMet": f"{tot}T00:00:00+01:00" if tot else None,
           "GewijzigdOp": "2023-08-29T13:10:25+02:00", "ApiGewijzigdOp": "2023-08-29T13:29:23.0613959Z",
           "Verwijderd": False}
    if fractie:
        row["FractieZetel"] = {"Id": zetel, "Gewicht": 1, "Fractie_Id": fractie,
                               "GewijzigdOp": "2023-12-06T12:30:01+01:00",
                               "ApiGewijzigdOp": "2023-12-06T13:50:37.7223517Z", "Verwijderd": False}
    return row


def _page(entity: str, value: list[dict], next_skip: int | None = None) -> dict:
    page: dict = {"@odata.context": f"{TK}$metadata#{entity}", "value": value}
    if next_skip is not None:  # the API writes its links absolute, at the official host
        page["@odata.nextLink"] = f"{TK}{entity}?$filter=Verwijderd%20eq%20false&$orderby=Id&$skip={next_skip}"
    return page


def _serve(httpserver, fractie_status: int = 200) -> None:  # noqa: ANN001
    people = [_persoon(P1, "Ilse", None, "Verzonnen-Jansma", "Tweede Kamerlid"),
              _persoon(P2, "Bram", "van der", "Zandvoort", "Oud Kamerlid"),
              _persoon(P3, "Naamloos", None, None, "Tweede Kamerlid")]
    httpserver.expect_request("/api/Persoon", query_string={"$filter": "Verwijderd eq false", "$orderby": "Id",
                                                            "$skip": "2"}).respond_with_json(
        _page("Persoon", people[2:]))
    httpserver.expect_request("/api/Persoon").respond_with_json(_page("Persoon", people[:2], next_skip=2))
    if fractie_status != 200:
        httpserver.expect_request("/api/Fractie").respond_with_data("Service Unavailable", status=fractie_status)
    httpserver.expect_request("/api/Fractie").respond_with_json(_page("Fractie", [
        _fractie(F1, "Verzonnen Partij", "Partij van het Verzinsel", "2023-12-05", None),
        _fractie(F2, "VP-oud", "Oude Verzonnen Partij", "2017-03-23", "2023-12-04")]))
    httpserver.expect_request("/api/FractieZetelPersoon").respond_with_json(_page("FractieZetelPersoon", [
        _zetelpersoon(P1, Z1, F1, "2023-12-06", None),
        _zetelpersoon(P2, Z2, F2, "2017-03-23", "2023-12-05"),
        _zetelpersoon(P2, Z1, None, "2023-12-06", None)]))


def _run(httpserver, tmp_path: Path, *args: str):  # noqa: ANN001, ANN202
    env = {"KAMERVRAGEN_TK_API": httpserver.url_for("/api/")}
    return CliRunner().invoke(main, ["fetch", *args, "--cache", str(tmp_path / "cache")], env=env)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_lists_are_read_page_after_page_and_written_in_the_shipped_shape(httpserver, tmp_path: Path) -> None:
    _serve(httpserver)
    lists = tmp_path / "lijsten"
    result = _run(httpserver, tmp_path, "--reference-lists", str(lists))
    assert result.exit_code == 2, result.output  # two bad rows are input errors; the good rows are written
    assert "Persoon row 1 of page 2: no Achternaam" in result.output
    assert "FractieZetelPersoon row 3 of page 1: no FractieZetel with a Fractie_Id" in result.output
    people = [(r["Id"], r["Roepnaam"], r["Tussenvoegsel"], r["Achternaam"], r["Functie"])
              for r in _read(lists / "personen.csv")]
    assert people == [(P1, "Ilse", "", "Verzonnen-Jansma", "Tweede Kamerlid"),
                      (P2, "Bram", "van der", "Zandvoort", "Oud Kamerlid")]
    assert _read(lists / "fracties.csv") == [
        {"Id": F1, "Afkorting": "Verzonnen Partij", "NaamNL": "Partij van het Verzinsel", "DatumActief": "2023-12-05",
         "DatumInactief": ""},
        {"Id": F2, "Afkorting": "VP-oud", "NaamNL": "Oude Verzonnen Partij", "DatumActief": "2017-03-23",
         "DatumInactief": "2023-12-04"}]
    seats = [(r["Persoon_Id"], r["Fractie_Id"], r["Van"], r["TotEnMet"])
             for r in _read(lists / "fractiezetelpersonen.csv")]
    assert seats == [(P1, F1, "2023-12-06", ""), (P2, F2, "2017-03-23", "2023-12-05")]
    assert {p.name for p in lists.iterdir()} == {"personen.csv", "fracties.csv", "fractiezetelpersonen.csv",
                                                "fractie-namen.csv", "fractie-opvolging.csv"}


def test_a_list_that_cannot_be_had_leaves_the_folder_as_it_was(httpserver, tmp_path: Path) -> None:
    _serve(httpserver, fractie_status=404)
    lists = tmp_path / "lijsten"
    lists.mkdir()
    (lists / "personen.csv").write_text("Id,Roepnaam\nold,list\n", encoding="utf-8")
    result = _run(httpserver, tmp_path, "--reference-lists", str(lists))
    assert result.exit_code == 2, result.output
    assert "Fractie" in result.output and "nothing written" in result.output
    assert (lists / "personen.csv").read_text(encoding="utf-8") == "Id,Roepnaam\nold,list\n"
    assert sorted(p.name for p in lists.iterdir()) == ["personen.csv"]


def test_reconciliation_uses_the_refreshed_lists_where_told(httpserver, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    _serve(httpserver)
    lists = tmp_path / "lijsten"
    _run(httpserver, tmp_path, "--reference-lists", str(lists))
    day = dt.date(2024, 11, 20)
    assert match_member("Verzonnen-Jansma", None, day).official is None  # not in the shipped lists
    monkeypatch.setenv("KAMERVRAGEN_REFERENCE_LISTS", str(lists))
    assert match_member("Verzonnen-Jansma", "Verzonnen Partij", day).official == P1
    assert match_member("Van der Zandvoort", "Verzonnen Partij", day).reason == (
        "not in the reference list of members")  # his seat ended on 5 December 2023
    earlier = match_member("Van der Zandvoort", "Verzonnen Partij", dt.date(2023, 6, 1))
    assert earlier.reason == ("party differs: the letter says Verzonnen Partij, Bram van der Zandvoort sits for "
                              "VP-oud")
    assert match_group("Partij van het Verzinsel").official == F1
