"""The body of a letter: questions and answers, from labels ("Vraag 1", "Antwoord 2 en 3") or numbers ("1.")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .furniture import PAGE
from .signature import signature_at

NUMBER_SEP = r"\s*(?:,|en|t/m|tot en met|-|–|&)\s*"  # between the numbers of a label: "8, 9 en 10", "2 t/m 4"
NUMBERS = rf"\d{{1,3}}(?:{NUMBER_SEP}\d{{1,3}})*"
Q_LABEL = re.compile(rf"^\s*(?:Vraag|Vragen|VRAAG|VRAGEN)\s*(?:nr\.?\s*)?({NUMBERS})\s*[:.)]?\s*(.*)$")
A_LABEL = re.compile(rf"^\s*(?:Antwoorden|Antwoord|ANTWOORDEN|ANTWOORD)"
                     rf"(?:\s+(?:op\s+)?(?:de\s+)?(?:vraag|vragen|Vraag|Vragen))?"
                     rf"\s*({NUMBERS})?\s*[:.)]?\s*(.*)$")
NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(\S.*)$")
BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")
END_MARK = re.compile(r"^\s*(?:(?:Toelichting|Mededeling|Hoogachtend|Ondertekening)\s*[:,]?\s*$|Toelichting\s*:\s*\S|"
                      r"Met (?:de meeste )?(?:vriendelijke )?groet(?:en)?\s*,?\s*$)", re.I)


def numbers_in(label: str) -> list[int]:
    """'8, 9, 10 en 11' -> [8, 9, 10, 11]; '2 t/m 4' and '2-4' are ranges."""
    out: list[int] = []
    for m in re.finditer(r"(\d{1,3})(?:\s*(?:t/m|tot en met|-|–)\s*(\d{1,3}))?", label):
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        out.extend(range(lo, hi + 1) if lo <= hi <= lo + 30 else [lo])
    return list(dict.fromkeys(out))


@dataclass
class Block:
    kind: str  # "Q" or "A"
    numbers: list[int]
    lines: list[str] = field(default_factory=list)


def find_blocks(lines: list[str], answer_doc: bool) -> tuple[int, list[Block]]:
    """The question and answer blocks in order, and the index of the first body line."""
    labelled = any(Q_LABEL.match(x) for x in lines)
    blocks: list[Block] = []
    start = None
    expected = 1
    seen: set[int] = set()
    for i, line in enumerate(lines):
        event = _event(line, lines, i, labelled, expected, blocks, seen)
        if event is None:
            if blocks:
                blocks[-1].lines.append(line)
            continue
        kind, nums, rest = event
        if kind == "END":
            blocks.append(Block("END", []))
            continue
        if start is None:
            start = i
        if kind == "Q":
            expected = max(nums) + 1
            seen.update(nums)
        blocks.append(Block(kind, nums, [rest] if rest else []))
    blocks = _restore_lost_labels([b for b in blocks if b.kind != "END"])
    if not labelled or not any(b.kind == "A" for b in blocks):
        blocks = _split_unlabelled(blocks, answer_doc)
    else:
        blocks = _answers_without_label(blocks)
    return (start if start is not None else len(lines)), blocks


def _restore_lost_labels(blocks: list[Block]) -> list[Block]:
    """'Antwoord 2' with no 'Vraag 2' before it: the extraction lost the label at a page break, so the text
    after the last page edge of the answer before is question 2."""
    out: list[Block] = []
    asked: set[int] = set()
    for n, b in enumerate(blocks):
        if b.kind == "Q" and asked >= set(b.numbers) and out:
            nxt = blocks[n + 1] if n + 1 < len(blocks) else None
            if nxt is not None and nxt.kind == "A" and nxt.numbers and not asked & set(nxt.numbers):
                b.numbers = list(nxt.numbers)  # "Vraag 7" printed twice, then "Antwoord 8": a misprint
            else:
                out[-1].lines.extend(b.lines)  # a label repeated after a page break: the same block goes on
                continue
        if b.kind == "Q":
            asked.update(b.numbers)
        elif b.numbers and not asked & set(b.numbers) and out and out[-1].kind == "A" and PAGE in out[-1].lines:
            prev = out[-1]
            cut = len(prev.lines) - 1 - prev.lines[::-1].index(PAGE)
            tail = prev.lines[cut + 1:]
            if any(x.strip() for x in tail):
                prev.lines = prev.lines[:cut]
                out.append(Block("Q", list(b.numbers), tail))
                asked.update(b.numbers)
        out.append(b)
    return out


def _event(line: str, lines: list[str], i: int, labelled: bool, expected: int,
           blocks: list[Block], seen: set[int]) -> tuple[str, list[int], str] | None:
    if blocks and (END_MARK.match(line) or signature_at(lines, i) is not None):
        return ("END", [], "")
    m = Q_LABEL.match(line)
    if m and labelled:
        nums = numbers_in(m.group(1))
        if nums and (not set(nums) <= seen or not m.group(2).strip()) and not _sentence_label(m.group(2)):
            return ("Q", nums, m.group(2))
    m = A_LABEL.match(line)
    if (m and (m.group(1) or not m.group(2) or m.group(2)[:1].isupper()) and not _sentence_label(m.group(2))
            and (blocks or m.group(1))):
        return ("A", numbers_in(m.group(1) or ""), m.group(2))
    if labelled:
        return None
    m = NUMBERED.match(line) or BARE_NUMBER.match(line)
    if m and int(m.group(1)) == expected:
        rest = m.group(2) if m.re is NUMBERED else ""
        prev = next((x for x in reversed(lines[:i]) if x.strip() and x != PAGE), "")
        if m.re is BARE_NUMBER and not _next_is_text(lines, i):
            return None
        if blocks and m.re is NUMBERED and prev and not prev.rstrip().endswith((".", "?", ":", "!", ")")) \
                and lines[i - 1].strip():
            return None
        return ("Q", [expected], rest)
    return None


def _sentence_label(rest: str) -> bool:
    """'Vraag 3 is beantwoord ...' starts a sentence, not a block."""
    return bool(re.match(r"^(?:is|zijn|en|van|uit|in|op|wordt|worden|heeft|hebben)\b", rest))


def _next_is_text(lines: list[str], i: int) -> bool:
    nxt = next((x for x in lines[i + 1:] if x.strip()), "")
    return bool(nxt) and nxt != PAGE and not BARE_NUMBER.match(nxt)


def _split_unlabelled(blocks: list[Block], answer_doc: bool) -> list[Block]:
    """Numbered questions without answer labels: in an answer letter the first paragraph is the question,
    the paragraphs after it the answer (none: answered together with the next question)."""
    if not answer_doc:
        return [b for b in blocks if b.kind == "Q"]
    out: list[Block] = []
    waiting: list[int] = []
    for b in blocks:
        if b.kind != "Q":
            out.append(b)
            continue
        paragraphs = split_paragraphs(b.lines)
        if len(paragraphs) == 1 and len(paragraphs[0]) > 1:  # no blank line between question and answer (PyPDF2)
            paragraphs = _question_lines_apart(paragraphs[0])
        q_end = _question_end(paragraphs)
        question = [line for p in paragraphs[:q_end] for line in p + [""]]
        answer = [line for p in paragraphs[q_end:] for line in p + [""]]
        out.append(Block("Q", b.numbers, question))
        waiting.extend(b.numbers)
        if any(x.strip() for x in answer):
            out.append(Block("A", waiting, answer))
            waiting = []
    return out


def _answers_without_label(blocks: list[Block]) -> list[Block]:
    """In a letter with 'Antwoord N' labels, a question followed by text that asks nothing and then by the
    next question holds its answer unlabelled: the paragraphs after the last one that asks."""
    out: list[Block] = []
    for n, b in enumerate(blocks):
        nxt = blocks[n + 1] if n + 1 < len(blocks) else None
        if b.kind != "Q" or nxt is not None and (nxt.kind != "Q" or not set(nxt.numbers) - set(b.numbers)):
            out.append(b)
            continue
        paragraphs = split_paragraphs(b.lines)
        asks = [k for k, p in enumerate(paragraphs) if re.search(r"[?:]\W{0,3}(?:\[\^\d+\]\W*)*$", p[-1].strip())]
        if not asks or asks[-1] == len(paragraphs) - 1 or nxt is None and not out:
            out.append(b)
            continue
        cut = asks[-1] + 1
        out.append(Block("Q", b.numbers, [x for p in paragraphs[:cut] for x in p + [""]]))
        out.append(Block("A", [], [x for p in paragraphs[cut:] for x in p + [""]]))  # answers all still open
    return out


_ASKS = re.compile(r"[?:][»”’\"')]*\s*(?:\[\^\d+\]\s*)*$")
_STILL_ASKING = re.compile(r"^\s*(?:Zo\s+(?:ja|nee|neen|niet)|Indien|Kunt|Wilt|Waarom|Wat|Hoe|Welke|Bent|Is|Zijn|Deelt|"
                           r"Klopt|Acht|Wanneer|Heeft|Hebt|Gaat|Zal|Zult|En\b|Of\b)")


def _question_lines_apart(lines: list[str]) -> list[list[str]]:
    """A numbered question and its unlabelled answer printed without a blank line between them: the question
    runs to its line that ends in '?' (and the follow-up questions on the lines after it); the rest answers."""
    ends = [i for i, x in enumerate(lines) if x != PAGE and _ASKS.search(x.rstrip())]
    if not ends or ends[0] == len(lines) - 1:
        return [lines]
    cut = ends[0] + 1
    while cut < len(lines) and cut in ends and _STILL_ASKING.match(lines[cut]):
        cut += 1
    rest = [x for x in lines[cut:] if x.strip() and x != PAGE]
    if not rest:
        return [lines]
    return [lines[:cut], lines[cut:]]


def _question_end(paragraphs: list[list[str]]) -> int:
    return 1 if paragraphs else 0


def split_paragraphs(lines: list[str], by_sentence: bool = True) -> list[list[str]]:
    """Paragraphs: runs of lines between blank lines. Blank lines at a page edge end a paragraph only where
    the sentence ended there too; a long line that ends a sentence (Word text, PyPDF2) ends its paragraph."""
    paragraphs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if line == PAGE:
            continue
        if line.strip():
            paragraphs[-1].append(line)
            if by_sentence and len(line) > 150 and re.search(r"[.?!:]\s*$", line):
                paragraphs.append([])
        elif paragraphs[-1] and not _across_page(lines, i, paragraphs[-1][-1]):
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _across_page(lines: list[str], i: int, before: str) -> bool:
    """Whether the blank line at i belongs to a page break inside a sentence."""
    j = i
    page = False
    while j < len(lines) and (not lines[j].strip() or lines[j] == PAGE):
        page = page or lines[j] == PAGE
        j += 1
    k = i
    while k > 0 and (not lines[k - 1].strip() or lines[k - 1] == PAGE):
        page = page or lines[k - 1] == PAGE
        k -= 1
    if not page or j >= len(lines):
        return False
    return not re.search(r"[.?!:;]\s*$", before) or lines[j].lstrip()[:1].islower()
