"""Extracted text -> Letter: find the header and the question and answer blocks, and read them."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..model import Answer, DocKind, Extracted, Letter, Question
from .body import NUMBER_SEP, Block, find_blocks, numbers_in, split_paragraphs
from .furniture import PAGE
from .header import Header, find_zaak, parse_header
from .placement import settle_footnotes
from .signature import find_signatures, on_behalf_in
from .tables import place_tables

_MARKER = re.compile(r"\s?\[\^(\d{1,3})\]")


def interpret(extracted: Extracted, path: Path) -> Letter:
    """Understand one extracted letter; InputError where it is no letter or has no questions."""
    lines = list(extracted.lines)
    provisional = parse_header(_join_plain(lines[:200]))
    answer_doc = provisional.answer or _is_ministry_answer(lines)
    start, blocks = find_blocks(lines, answer_doc)
    if not blocks and not answer_doc:
        start, blocks = _paragraph_questions(lines)
    header = parse_header(_join_plain(lines[:start]))
    if not header.zaak:  # the running text, else the letterhead's "Uw brief 2025Z01234"
        header.zaak = find_zaak(_join_plain(lines)) or find_zaak(" ".join(extracted.furniture_ids))
    kind = _kind(header, lines, answer_doc)
    if kind is None:
        raise InputError(f"{path}: no letter found: expected a header such as 'Vragen van het lid ... "
                         "(ingezonden ...)', 'Antwoord van ... (ontvangen ...)' or a ministry letter with "
                         "'Datum' and numbered questions")
    questions, answers, lost = _read_blocks(blocks, kind)
    if not questions and kind is DocKind.ANSWER:
        raise InputError(f"{path}: no questions found in this answer letter: expected numbered questions "
                         f"('Vraag 1', '1.') after the header (layout read as {extracted.layout})")
    signed, signed_behalf, held = find_signatures(lines)
    signatures = header.signatures or signed
    cover = _join_plain([x for n, x in enumerate(lines[:start]) if n not in held])
    aanhangsel = next((i for i in extracted.furniture_ids if i.startswith("ah-tk-")), None) or header.aanhangsel
    header_markers = {int(n) for n in _MARKER.findall(" ".join(lines[:start]))}
    settled = settle_footnotes(extracted.footnotes, questions, answers, header_markers)
    letter = Letter(
        kind=kind, source=extracted.source, zaak=header.zaak, aanhangsel=aanhangsel,
        references=tuple(r for r in extracted.references if r != aanhangsel),
        title=_clean(header.title) if header.title else None,
        submitted=header.submitted, issued=header.issued,
        askers=tuple(header.askers), addressed_to=tuple(header.addressed_to),
        signatures=tuple(signatures),
        on_behalf_of=tuple(header.on_behalf_of or on_behalf_in(cover) or signed_behalf),
        delay_reference=header.delay_reference if kind is DocKind.ANSWER else None,
        questions=settled.questions, answers=settled.answers, footnotes=settled.footnotes,
        letter_footnotes=settled.on_letter,
        warnings=extracted.warnings + settled.warnings + tuple(
            f"answer labelled {', '.join(map(str, n)) or '(no number)'}: no such question was found, so the answer "
            "is left out" for n in lost),
    )
    return place_tables(letter, extracted.tables)


def _paragraph_questions(lines: list[str]) -> tuple[int, list[Block]]:
    """Questions whose numbers the extraction lost (Word's automatic numbering): one per paragraph after the
    'Vragen van ...' paragraph."""
    at = next((i for i, x in enumerate(lines) if re.search(r"\bVra(?:gen|ag) van (?:het lid|de leden)", x)), None)
    if at is None:
        return len(lines), []
    end = next((i for i in range(at, len(lines)) if not lines[i].strip()), len(lines))
    paragraphs = split_paragraphs(lines[end:])
    return end, [Block("Q", [n], p) for n, p in enumerate(paragraphs, start=1)]


_ANSWERS_SENT = re.compile(r"\bantwoorden\s+(?:aan\s+)?op\b|\b[Bb]eantwoording\b|\bAntwoorden\s+(?:op|van)\b|"
                           r"\bbeantwoord\s+zoals\b|\bworden\s+beantwoord\b|\bbeantwoord\s+ik\b|"
                           r"\btreft\s+u\s+de\s+antwoorden\b")


def _is_ministry_answer(lines: list[str]) -> bool:
    """A ministry's letter that sends answers: a cover that says so ('de antwoorden (aan) op', 'Beantwoording',
    'worden beantwoord zoals ...', an annex 'Antwoorden op Kamervragen') and a letter's salutation or date."""
    head = _join_plain(lines[:160])
    return bool(_ANSWERS_SENT.search(head)) and bool(re.search(r"Geachte|Hoogachtend|Datum", head))


def _kind(header: Header, lines: list[str], answer_doc: bool) -> DocKind | None:
    if header.delay:
        return DocKind.DELAY
    if answer_doc:
        return DocKind.ANSWER
    text = _join_plain(lines[:150])
    if re.search(r"niet binnen de (?:gebruikelijke|gestelde) termijn", text):
        return DocKind.DELAY
    if header.askers or header.submitted:
        return DocKind.QUESTIONS
    return None


def _read_blocks(blocks: list[Block], kind: DocKind) -> tuple[list[Question], list[Answer], list[tuple[int, ...]]]:
    """The questions, the answers, and the numbers of answers whose question was not found (left out: an
    answer must point to its question; a warning says so rather than the letter being refused)."""
    questions: dict[int, Question] = {}
    answers: list[Answer] = []
    unanswered: list[int] = []
    for block in blocks:
        if block.kind == "Q":
            for number, lines in zip(block.numbers, _split_group(block.lines, len(block.numbers)), strict=True):
                if number not in questions:
                    text, notes = clean_text(lines)
                    questions[number] = Question(number, text, notes)
            unanswered.extend(n for n in block.numbers if n not in unanswered)
        elif kind is DocKind.ANSWER:
            numbers = block.numbers or unanswered or ([max(questions)] if questions else [])
            text, notes = clean_text(block.lines)
            if not text:
                continue
            if answers and set(numbers) <= set(answers[-1].questions) and not block.numbers:
                continue
            numbers = _group_said(text, numbers, unanswered)
            answers.append(Answer(tuple(numbers), text, notes))
            unanswered = [n for n in unanswered if n not in numbers]
    ordered = [questions[n] for n in sorted(questions)]
    known = set(questions)
    kept = [Answer(tuple(n for n in a.questions if n in known), a.text, a.footnotes)
            for a in answers if known & set(a.questions)]
    lost = [a.questions for a in answers if not known & set(a.questions)]
    return ordered, kept, lost


_OPENERS = re.compile(r"^(?:Bent|Kunt|Klopt|Wat|Hoe|Deelt|Welke|Waarom|Heeft|Hebt|Is|Zijn|Wilt|Herkent|Erkent|Acht|"
                      r"Op welke|In hoeverre|Wanneer|Kent|Vindt|Wordt|Worden|Gaat|Zal|Zult|Waar|Wie|Hoeveel|"
                      r"Onderschrijft|Bent u|Ziet|Weet|Staat|Per wanneer|Welk|Valt|Gelden|Geldt|Mag|Moet|Neemt|"
                      r"Overweegt|Wil|Kan|Hoelang|Sinds|Tot)\b")
_FOLLOW_UPS = re.compile(r"^(?:Zo\s+(?:ja|nee|neen|niet|nee,)|Zo,|Indien|Als|En\b|Of\b|Daarnaast|Ook)", re.I)


_CLOSERS = re.compile(r"^(?:Kunt u (?:uw |het |dit |dat )?(?:antwoord )?toelichten|Waarom (?:niet|wel)?\s*\?|"
                      r"Kunt u dit (?:nader )?(?:toelichten|onderbouwen|uitleggen))", re.I)


_CONTINUING = re.compile(r"^(?:\S+\s+){1,2}(?:voorts|tevens|verder)\b", re.I)  # "Deelt u voorts ..."


def _split_group(lines: list[str], n: int) -> list[list[str]]:
    """The lines of a label 'Vraag 2 en 3' split into one part per question: by paragraph where the text
    has them, else at the sentence ends most likely to end a question."""
    if n == 1:
        return [lines]
    paragraphs = split_paragraphs(lines, by_sentence=False)
    if len(paragraphs) == n:
        return paragraphs
    pieces: list[str] = []  # the text cut at every place a question may end
    scores: list[float | None] = []
    flat: list[str] = []
    for x in lines:
        if x.strip() and x != PAGE:
            if flat and not _MARKER.sub("", x).strip():
                flat[-1] += " " + x.strip()  # a marker on a line of its own belongs to the line before
            else:
                flat.append(x.strip())
    for i, line in enumerate(flat):
        cuts = [m.end() for m in re.finditer(r"[?:](?:\s*\[\^\d+\])*(?=\s*[A-Z«‘“])", line)]
        parts = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
        for j, part in enumerate(parts):
            pieces.append(part)
            last_in_line = j == len(parts) - 1
            nxt = parts[j + 1] if not last_in_line else (flat[i + 1] if i + 1 < len(flat) else "")
            scores.append(_boundary_score(part, nxt, last_in_line, line))
    possible = [i for i in range(len(pieces) - 1) if scores[i] is not None]
    candidates = sorted(possible, key=lambda i: -scores[i])[: n - 1]  # type: ignore[operator]
    if len(candidates) < n - 1:  # printed as one sentence: each question of the group gets the whole text
        return [lines] * n
    bounds = [0, *sorted(c + 1 for c in candidates), len(pieces)]
    return [[" ".join(pieces[a:b])] for a, b in zip(bounds, bounds[1:], strict=False)]


def _boundary_score(piece: str, nxt: str, line_end: bool, line: str) -> float | None:
    """How likely a question ends after this piece of text; None where it cannot."""
    end = _MARKER.sub("", piece).rstrip()
    if not end.endswith(("?", ".", ":")) or not nxt[:1].isupper() and nxt[:1] not in "«‘“":
        return None
    score = 1.0 if end.endswith("?") else 0.3
    if _OPENERS.match(nxt):
        score += 1
    if _FOLLOW_UPS.match(nxt) or _CLOSERS.match(nxt):
        score -= 1.5
    if line_end:
        score += 0.5 + max(0.0, (70 - len(line)) / 70)
        if re.search(r"\[\^\d+\]\s*$", piece):  # a marker closing a line: PyPDF2 sets it after a question
            score += 1
    if _CONTINUING.match(nxt):
        score -= 1
    return score


_LEFT_MARKER = re.compile(r"(?<=\?)(\d{1,2})(?=\s|$)|(?<!m)([¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]?)")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


_NUMBER_LIST = rf"\d{{1,3}}(?:{NUMBER_SEP}\d{{1,3}})+"  # two numbers at least
_GROUP_SAID = re.compile(
    rf"\b[Vv]ra(?:ag|gen)\s+({_NUMBER_LIST})\b[^.?]{{0,80}}?\b(?:samen|gezamenlijk|tezamen|in\s+(?:onderlinge\s+)?samenhang)"
    rf"|\b(?:samen|gezamenlijk|tezamen|in\s+(?:onderlinge\s+)?samenhang)\b[^.?]{{0,40}}?\b[Vv]ragen\s+({_NUMBER_LIST})")


def _group_said(text: str, numbers: list[int], unanswered: list[int]) -> list[int]:
    """'De vragen 4 en 5 worden gezamenlijk beantwoord.' opening an answer labelled 4: it answers 4 and 5."""
    m = _GROUP_SAID.search(text[:300])
    if not m:
        return numbers
    said = numbers_in(m.group(1) or m.group(2))
    if not set(numbers) <= set(said) or not set(said) - set(numbers) <= set(unanswered):
        return numbers
    return said


def clean_text(lines: list[str]) -> tuple[str, tuple[int, ...]]:
    """The text as a reader sees it (hyphenation joined, paragraphs kept) and the footnote numbers it cites.
    A marker the footnote reader could not pin down ("bericht?1", "bericht¹") is one all the same."""
    paragraphs = [_join_lines(p) for p in split_paragraphs(lines)]
    text = "\n\n".join(p for p in paragraphs if p)
    text = _LEFT_MARKER.sub(lambda m: f"[^{(m.group(1) or m.group(2)).translate(_SUPERSCRIPT)}]", text)
    notes = tuple(dict.fromkeys(int(n) for n in _MARKER.findall(text)))
    return _clean(text), notes


def _clean(text: str) -> str:
    text = _MARKER.sub("", text)
    text = re.sub(r"[ \t]+([.,;:?!)])", r"\1", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return text.strip()


def _join_lines(lines: list[str]) -> str:
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line or line == PAGE:
            continue
        if not out:
            out = line
        elif re.search(r"[a-zà-ÿ]-$", out) and line[:1].islower():
            out = out[:-1] + line
        elif out.endswith(("-", "/")) and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return out


def _join_plain(lines: list[str]) -> str:
    return _MARKER.sub("", " ".join(x.strip() for x in lines if x != PAGE))
