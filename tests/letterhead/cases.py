"""The invented ministry-letter (letterhead) family: a case is a ministry's template (ministries.json: letterhead,
signatory and invented content) plus the one trait the case varies (cases/<slug>.json). `plan()` turns a case
into the letter's parts in reading order, which render.py lays out as pdftotext text, PyPDF2 text, Word and PDF;
`annotation()` writes what a careful reader sees in the letter, in the corpus annotation format."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
EXPECTED = HERE / "expected"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")

# The plain base: the seed's layout. A case changes one of these (or the content) and nothing else.
DEFAULTS: dict[str, object] = {
    "subject_label": "Betreft",
    "reference_label": "Onze referentie",
    "extra_references": [],  # [label, value] pairs printed under the reference: "Uw kenmerk", "Uw brief (kenmerk)"
    "cover": "bieden",  # bieden | zend | uw_brief | gesteld
    "uw_brief": None,  # {"date": ISO, "nr": "..."}: the Kamer's forwarding letter (cover "uw_brief")
    "on_behalf": [],  # offices named "mede namens" in the cover letter
    "signoff": "Hoogachtend,",
    "signature": "cover",  # cover: the signed cover letter before the questions | end | annex
    "title_caps": True,
    "mede_namens_line": None,  # "Mede namens de minister van ...," above the title in the signature
    "labels": "numbered",  # numbered | vraag_antwoord | antwoord_op_vraag
    "marker": "plain",  # plain "bericht?1" | paren "bericht?1)" | bracket "bericht?[1]" | spaced "bericht? 1)"
    "footnote_place": "page",  # page: at the foot of the page with the marker | end: after the last answer
    "footnote_traits": {},  # number -> {"lost_number", "run_on", "url_break": "hyphen"|"slash"|"space"}
    "repeat_letterhead": "none",  # none | top | interleaved: the short letterhead of later pages in text
    "docx_letterhead": "table",  # table | header (Word's page header part)
    "docx_footnotes": "part",  # part: Word's footnotes part | end: typed paragraphs at the end of the letter
    "pdf": False,
    "questions_in_order": False,  # a grouped answer waits: every question up to it is printed before it
    "page_lines": 44,  # body lines on a page of the text renderings
}


@dataclass
class Para:
    """One paragraph of the letter: kind is head, cover, sign, heading, qlabel, question, alabel, answer."""

    kind: str
    text: str
    number: int | None = None  # a numbered question's number ("1. ..." in the numbered layout)


@dataclass
class Plan:
    slug: str
    case: dict
    return_address: str
    addressee: list[str]
    head: list[Para]  # Datum, Betreft
    cover: list[Para]  # Geachte voorzitter, the cover paragraphs
    signature: list[Para]
    sidebar: list[str]  # the letterhead column: office, address, references, 'Bij beantwoording ...'
    repeat: list[str]  # the short letterhead at the top of later pages
    body: list[Para]  # annex heading, labels, questions, answers (markers written "{N}")
    footnotes: list[tuple[int, str]]  # number, body text
    order: list[str] = field(default_factory=list)  # the parts in reading order


def load(slug: str) -> dict:
    """The case merged over its ministry template and the defaults."""
    ministries = json.loads((HERE / "ministries.json").read_text(encoding="utf-8"))
    own = json.loads((CASES / f"{slug}.json").read_text(encoding="utf-8"))
    case = {**DEFAULTS, **ministries[own["ministry"]], **own}
    case["slug"] = slug
    return case


def slugs() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.json"))


def long_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def askers_text(askers: list[dict]) -> str:
    parties = {a["party"] for a in askers}
    if len(askers) == 1:
        a = askers[0]
        return f"het lid {a['name']} ({a['party']})"
    names = [a["name"] for a in askers]
    joined = ", ".join(names[:-1]) + " en " + names[-1]
    if len(parties) == 1:
        return f"de leden {joined} ({'beiden' if len(names) == 2 else 'allen'} {askers[0]['party']})"
    return "de leden " + ", ".join(f"{a['name']} ({a['party']})" for a in askers[:-1]) + \
        f" en {askers[-1]['name']} ({askers[-1]['party']})"


def questions_of(case: dict) -> list[dict]:
    """[{n, text, label?}], numbered from 1."""
    out = []
    for i, q in enumerate(case["questions"], start=1):
        out.append({"n": i, "text": q} if isinstance(q, str) else {"n": i, **q})
    return out


def answers_of(case: dict) -> list[dict]:
    """[{q: [numbers], text, label?}] in printed order; a plain string answers the question of its place."""
    return [{"q": [i], "text": a} if isinstance(a, str) else a for i, a in enumerate(case["answers"], start=1)]


def _behalf(case: dict) -> str:
    offices = case["on_behalf"]
    if not offices:
        return ""
    return ", mede namens " + " en ".join(f"de {o[:1].lower()}{o[1:]}" for o in offices) + ","


def _cover(case: dict) -> list[str]:
    who = askers_text(case["askers"])
    subject = case["subject"]
    behalf = _behalf(case)
    form = case["cover"]
    if form == "bieden":
        text = [f"Hierbij bied ik u{behalf} de antwoorden aan op de schriftelijke vragen van {who} over {subject}."]
        if case["submitted"] or case["zaak"]:
            text.append(f"Deze vragen werden ingezonden op {long_date(case['submitted'])} met kenmerk {case['zaak']}.")
        return text
    if form == "zend":
        return [f"Hierbij zend ik u{behalf} de antwoorden op de vragen van {who} over {subject} "
                f"(ingezonden {long_date(case['submitted'])}, kenmerk {case['zaak']})."]
    if form == "uw_brief":
        brief = case["uw_brief"]
        return [f"In antwoord op uw brief van {long_date(brief['date'])}, nr. {brief['nr']}, deel ik u{behalf} mede "
                f"dat de vragen van {who} over {subject} worden beantwoord zoals aangegeven in de bijlage."]
    if form == "gesteld":
        return [f"Op {long_date(case['submitted'])} heeft {who} vragen gesteld over {subject} "
                f"(kenmerk {case['zaak']}). Hierbij ontvangt u{behalf} de antwoorden op deze vragen."]
    if form == "annex":  # the annex heading says who asked, when and the zaak
        return [f"Hierbij zend ik u{behalf} de antwoorden op de vragen van {who} over {subject}."]
    raise ValueError(f"{case['slug']}: unknown cover form {form!r}")


def _title(office: str, caps: bool) -> str:
    return f"DE {office.upper()}" if caps else f"De {office[:1].lower()}{office[1:]}"


def _signature(case: dict) -> list[Para]:
    out = [Para("sign", case["signoff"])] if case["signoff"] else []
    for i, s in enumerate(case["signatories"]):
        if i == 0 and case["mede_namens_line"]:
            out.append(Para("sign", case["mede_namens_line"]))
        out.append(Para("sign", s.get("title") if case["title_caps"] and s.get("title")
                        else _title(s["office"], case["title_caps"])))
        out.append(Para("sign", s["name"]))
    return out


def _number_list(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:-1])) + f" en {numbers[-1]}" if len(numbers) > 1 else str(numbers[0])


def _labels(case: dict, answer: dict) -> str:
    if "label" in answer:
        return answer["label"]
    numbers = answer["q"]
    style = case["labels"]
    if style == "vraag_antwoord":
        return f"Antwoord {_number_list(numbers)}" if len(numbers) == 1 else f"Antwoord {_number_list(numbers)}"
    if style == "antwoord_op_vraag":
        return f"Antwoord op vraag {numbers[0]}" if len(numbers) == 1 else f"Antwoord op vragen {_number_list(numbers)}"
    return ""


def _body(case: dict) -> list[Para]:
    questions = {q["n"]: q for q in questions_of(case)}
    printed: set[int] = set()
    out: list[Para] = []
    numbered = case["labels"] == "numbered"
    for answer in answers_of(case):
        last = max(answer["q"])
        wanted = range(1, last + 1) if case["questions_in_order"] else answer["q"]
        todo = [n for n in wanted if n not in printed]
        group_label = answer.get("qlabel")
        if group_label:
            out.append(Para("qlabel", group_label))
        for n in todo:
            q = questions[n]
            if numbered:
                out.append(Para("question", q["text"], number=n))
            else:
                if not group_label:
                    out.append(Para("qlabel", q.get("label", f"Vraag {n}")))
                out.append(Para("question", q["text"]))
            printed.add(n)
        label = _labels(case, answer)
        if label:
            out.append(Para("alabel", label))
        out.append(Para("answer", answer["text"]))
    return out


def _annex_heading(case: dict) -> Para:
    office = case["signatories"][0]["office"]
    behalf = case["on_behalf"]
    behalf_text = f" (mede namens de {behalf[0][:1].lower()}{behalf[0][1:]})" if behalf else ""
    return Para("heading", f"Antwoorden van de {office[:1].lower()}{office[1:]}{behalf_text} op vragen van "
                           f"{askers_text(case['askers'])} over {case['subject']} (ingezonden "
                           f"{long_date(case['submitted'])}, {case['zaak']})")


def plan(slug: str) -> Plan:
    case = load(slug)
    ref_lines = [case["reference_label"], case["reference"]]
    for label, value in case["extra_references"]:
        ref_lines += ["", label, value]
    sidebar = [*case["office_lines"], "", *ref_lines, "", "Bij beantwoording, datum,", "onze referentie en onderwerp",
               "vermelden."]
    date = long_date(case["date"])
    subject = f"Beantwoording schriftelijke vragen van {askers_text(case['askers'])} over {case['subject']}"
    body = _body(case)
    if case["signature"] == "annex":
        body.insert(0, _annex_heading(case))
    cover = [Para("cover", "Geachte voorzitter,"), *(Para("cover", t) for t in _cover(case))]
    notes = [(i, f["text"]) for i, f in enumerate(case["footnotes"], start=1)]
    order = ["cover", "signature", "sidebar", "body"] if case["signature"] != "end" else \
        ["cover", "sidebar", "body", "signature"]
    return Plan(slug=slug, case=case, return_address=f"> Retouradres {case['return_address']}",
                addressee=["de Voorzitter van de Tweede Kamer", "der Staten-Generaal", "Postbus 20018",
                           "2500 EA Den Haag"],
                head=[Para("head", f"Datum {date}"), Para("head", f"{case['subject_label']} {subject}")],
                cover=cover, signature=_signature(case), sidebar=sidebar,
                repeat=[case["office_lines"][0], "", "Datum", date, "", *ref_lines[:2]],
                body=body, footnotes=notes, order=order)


# --- the annotation: what a careful reader sees ---------------------------------------------------------------

_MARK = re.compile(r"\{(\d+)\}")


def plain(text: str) -> str:
    return _MARK.sub("", text)


def first_words(text: str, n: int = 5) -> str:
    return " ".join(plain(text).split()[:n])


def last_words(text: str, n: int = 6) -> str:
    return " ".join(plain(text).split()[-n:])


def annotation(slug: str) -> dict:
    """The ground truth of a case, from the case's own facts (never from the converter)."""
    case = load(slug)
    questions = questions_of(case)
    answers = answers_of(case)
    zaak = case.get("expected_zaak", case["zaak"])
    submitted = case.get("expected_submitted", case["submitted"])
    cited: dict[int, str] = {}
    for q in questions:
        for m in _MARK.finditer(q["text"]):
            cited.setdefault(int(m.group(1)), f"question {q['n']}")
    for a in answers:
        for m in _MARK.finditer(a["text"]):
            cited.setdefault(int(m.group(1)), f"answer {a['q'][0]}")
    behalf = [*case["on_behalf"]]
    if case["mede_namens_line"]:
        behalf.append(re.sub(r"^Mede namens de\s+|,$", "", case["mede_namens_line"]))
    return {
        "file": f"{slug}.txt",
        "doc_kind": "answer",
        "zaak": zaak,
        "aanhangsel": None,
        "submitted": submitted,
        "answered": case["date"],
        "askers": [{"name": a["name"], "party": a["party"]} for a in case["askers"]],
        "addressed_to": [],
        "answered_by": [{"name": s["name"], "office": s["office"]} for s in case["signatories"]],
        "co_answered_by": [{"name": None, "office": o} for o in behalf],
        "delay_reference": None,
        "questions": [{"number": q["n"], "first": first_words(q["text"]), "last": last_words(q["text"])}
                      for q in questions],
        "answers": [{"questions": a["q"], "first": first_words(a["text"]), "last": last_words(a["text"])}
                    for a in answers],
        "footnotes": [{"number": i, "url": f.get("expected_url", f["url"]), "cited_in": cited.get(i, "letter")}
                      for i, f in enumerate(case["footnotes"], start=1)],
        "notes": case.get("trait", ""),
    }
