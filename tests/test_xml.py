"""The official Aanhangsel XML as an input kind, read with entity expansion and network access off."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.errors import InputError
from converter.model import DocKind
from converter.pipeline import convert_letter
from converter.read import read_letter

FIXTURE = Path(__file__).parent / "fixtures/xml/ah-tk-20232024-9901.xml"


def test_aanhangsel_xml_reads_into_a_letter():
    letter = read_letter(FIXTURE)
    assert letter.kind is DocKind.ANSWER
    assert (letter.zaak, letter.aanhangsel) == ("2023Z19901", "ah-tk-20232024-9901")  # from metadata.xml
    assert (letter.submitted, letter.issued) == (
        dt.date(2023, 12, 4),
        dt.date(2024, 1, 19),
    )  # datum/@isodatum
    assert [(p.name, p.party.name) for p in letter.askers] == [("Bakker-Smit", "VVD"), ("Van Dijk", "SP")]
    assert [o.name for o in letter.addressed_to] == ["Minister van Infrastructuur en Waterstaat"]
    assert [(s.person.name, s.office.name) for s in letter.signatures] == [
        ("Harbers", "Minister van Infrastructuur en Waterstaat")
    ]
    assert [o.name for o in letter.on_behalf_of] == ["Minister van Binnenlandse Zaken en Koninkrijksrelaties"]
    assert letter.delay_reference == "ah-tk-20232024-812"
    assert [q.number for q in letter.questions] == [1, 2, 3]
    assert [a.questions for a in letter.answers] == [
        (1,),
        (2, 3),
    ]  # "Antwoord 2 en 3": one answer, two questions
    assert (
        letter.questions[0].text
        == "Bent u bekend met het bericht «Veerponten blijven in de winter aan de kant»?"
    )
    assert "Omroep Voorbeeld" not in letter.questions[0].text  # the footnote body is not question text
    assert letter.questions[2].text.endswith("de rol van de provincies?")
    # the <noot> stands in question 1, a <nootref> to it in question 3, the second <noot> in answer 2-3
    assert (letter.questions[0].footnotes, letter.questions[2].footnotes) == ((1,), (1,))
    assert letter.answers[1].footnotes == (2,)
    assert letter.footnotes[0].urls == ("https://www.example.org/nieuws/veerponten-winter",)
    assert letter.footnotes[1].urls == ("https://www.example.org/veren/rapportage-2023",)


def test_aanhangsel_xml_graph_conforms():
    converted = convert_letter(FIXTURE)
    assert converted.report.conforms, converted.report.violations


OLDER = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie><vragen>
<omschr>Vragen van het lid Jansen (PvdA) aan de Minister van Defensie over de kazerne in Ede
(ingezonden 3 maart 2009).</omschr>
<vraag><nummer>1</nummer><al>Klopt het dat de kazerne sluit?</al></vraag>
<vraag><nummer>2</nummer><al>Wat betekent dat voor de werkgelegenheid?</al></vraag>
</vragen></officiele-publicatie>"""


def test_older_layout_with_vragen_omschr_nummer(tmp_path):
    path = tmp_path / "kv-tk-2009Z04321.xml"
    path.write_text(OLDER, encoding="utf-8")
    letter = read_letter(path)
    assert letter.kind is DocKind.QUESTIONS
    assert letter.zaak is None and letter.submitted == dt.date(2009, 3, 3)
    assert [(q.number, q.text) for q in letter.questions] == [
        (1, "Klopt het dat de kazerne sluit?"),
        (2, "Wat betekent dat voor de werkgelegenheid?"),
    ]
    assert [p.name for p in letter.askers] == ["Jansen"]


def test_external_entity_is_never_resolved(tmp_path, httpserver):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-1234", encoding="utf-8")
    httpserver.expect_request("/dtd").respond_with_data("<!ENTITY leak 'REMOTE'>")
    path = tmp_path / "evil.xml"
    path.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE kamervragen [
  <!ENTITY xxe SYSTEM "file://{secret}">
  <!ENTITY % remote SYSTEM "{httpserver.url_for("/dtd")}"> %remote;
]>
<kamervragen><vraag><nr>Vraag 1</nr><al>Is dit &xxe; geheim?</al></vraag></kamervragen>""",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="declares entities") as caught:
        read_letter(path)
    assert "TOPSECRET" not in str(caught.value)
    assert httpserver.log == []  # nothing was fetched over the network
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(path), "--out", str(out)])
    assert result.exit_code == 2 and "declares entities" in result.output
    assert "TOPSECRET" not in result.output and not list(out.glob("*.ttl"))


def test_billion_laughs_is_refused_quickly(tmp_path):
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "lol.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE kamervragen [<!ENTITY lol0 "lol">{lol}]>'
        "<kamervragen><vraag><al>&lol9;</al></vraag></kamervragen>",
        encoding="utf-8",
    )
    started = time.monotonic()
    with pytest.raises(InputError, match="declares entities"):
        read_letter(path)
    assert time.monotonic() - started < 2


def test_broken_xml_names_file_and_line(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<kamervragen>\n<vraag><al>open</vraag>\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.xml: not well-formed XML \(line 2"):
        read_letter(path)


def test_xml_without_questions_is_an_input_error(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text(
        "<officiele-publicatie><kamervragen><kamervraagnummer>1</kamervraagnummer></kamervragen>"
        "</officiele-publicatie>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no <vraag> elements"):
        read_letter(path)
