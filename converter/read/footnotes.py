"""Footnotes in extracted text: take the bodies out of the running text, and pin each marker down as "[^N]".

Footnotes are numbered 1, 2, 3 ... through a document, and a body is printed at the foot of the page that
carries its marker. Both facts together tell a footnote body ("2 Zoals ook genoemd in ...") from a line of
text that merely starts with a number."""

from __future__ import annotations

import re

from ..model import Footnote
from .furniture import PAGE

_LABEL = re.compile(r"^\s*(?:Vraag|Vragen|Antwoord|Mededeling|Toelichting)\b", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|com|org|eu|net|int|gov|be|de|"
                  r"uk|info|io)/\S*", re.I)
_SENTENCE_END = re.compile(r"[.)»”\"']\s*$")
_LIST_LINE = re.compile(r"^\s*\d{1,3}(?:\s*,\s*\d{1,3})*(?:\s+en\s+\d{1,3})?\s*$")


def _start(line: str, k: int) -> str | None:
    """The body text if line starts footnote k ("2 Zoals", "1) AD", "1Kinderrechten.nl"), else None."""
    m = re.match(rf"^\s*{k}(?:\)\s*|\s+|(?=[A-Z«‘'\"(“]))(\S.*)$", line)
    if not m or _LABEL.match(line):
        return None
    rest = m.group(1)
    if re.match(r"^\d", rest) and not re.match(r"^\d{1,2} \w+ \d{4}", rest):
        return None
    return rest


def _marker_seen(text: str, k: int) -> bool:
    """Whether the text so far has a plausible marker k."""
    return bool(re.search(rf"(?:[^\s\d(\[]|\b(?:19[5-9]|20[0-4])\d){k}(?!\d)|^\s*(?:\d+\s*,\s*)*{k}\b[^.\n]*$|"
                          rf"\s{k}\)|\[\^{k}\]", text, flags=re.M))


def split_footnotes(lines: list[str]) -> tuple[list[str], list[Footnote]]:
    """Separate footnote bodies from the running text. Returns (body lines, footnotes in number order)."""
    body: list[str] = []
    bodies: dict[int, list[str]] = {}
    pending: list[int] = []  # numbers printed apart from their bodies (pdftotext: number, colophon, body)
    current: int | None = None
    k = 1
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == PAGE:
            current = None
            pending = _pending_before_page(body, k, pending)
            body.append(PAGE)
            i += 1
            if pending:
                i = _take_pending(lines, i, pending, bodies)
                k = max(k, max(bodies, default=0) + 1)
                pending = []
            continue
        text = _start(line, k)
        if text is not None and _marker_seen("\n".join(body[-400:]), k):
            bodies[k] = [text]
            current, k = k, k + 1
            i += 1
            continue
        if current is not None and _continues(bodies[current], lines, i):
            if line.strip():
                bodies[current].append(line.strip())
            i += 1
            continue
        current = None
        body.append(line)
        i += 1
    return body, [_footnote(n, parts) for n, parts in sorted(bodies.items())]


def _continues(parts: list[str], lines: list[str], i: int) -> bool:
    line = lines[i]
    if not line.strip():
        nxt = next((x for x in lines[i + 1:] if x.strip()), PAGE)
        return nxt != PAGE and re.match(r"^\s*\d{1,3}\D", nxt) is not None and not _LABEL.match(nxt)
    if _LABEL.match(line) or line.startswith(" ") and not parts[-1].endswith(("-", "/")):
        return False
    last = parts[-1]
    return (not _SENTENCE_END.search(last) or last.endswith(("-", "/", "_"))
            or bool(re.match(r"^\S*[/.]\S*$", line.strip())) or line.strip()[:1].islower())


def _pending_before_page(body: list[str], k: int, pending: list[int]) -> list[int]:
    """Lone footnote numbers just before a page edge (pdftotext prints them above the colophon)."""
    numbers: list[int] = []
    j = len(body) - 1
    while j >= 0 and (not body[j].strip() or re.fullmatch(r"\s*\d{1,3}\s*", body[j])):
        if body[j].strip():
            numbers.insert(0, int(body[j]))
        j -= 1
    expected = list(range(k, k + len(numbers)))
    if numbers and numbers == expected and all(_marker_seen("\n".join(body[:j + 1]), n) for n in numbers):
        del body[j + 1:]
        return pending + numbers
    return pending


def _take_pending(lines: list[str], i: int, pending: list[int], bodies: dict[int, list[str]]) -> int:
    """Read the bodies of pending footnote numbers: paragraphs up to the next page edge."""
    paragraphs: list[list[str]] = []
    j = i
    while j < len(lines) and lines[j] != PAGE and len(paragraphs) <= len(pending):
        if _LABEL.match(lines[j]):
            break
        if lines[j].strip():
            if not paragraphs or (not lines[j - 1].strip() and _SENTENCE_END.search(paragraphs[-1][-1])):
                paragraphs.append([])
            paragraphs[-1].append(lines[j].strip())
        j += 1
    if j < len(lines) and lines[j] == PAGE and len(paragraphs) == len(pending):
        for n, para in zip(pending, paragraphs):
            bodies[n] = para
        return j
    return i


def _footnote(number: int, parts: list[str]) -> Footnote:
    text = _join(parts)
    return Footnote(number=number, text=text, urls=tuple(find_urls(text)))


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if not out:
            out = part
        elif out.endswith(("-", "/", "_", ".")) and _URL.search(out.split()[-1] + part.split()[0]) and \
                not part[:1].isupper() or out.endswith(("/", "_")):
            out += part
        else:
            out += " " + part
    return out


def find_urls(text: str) -> list[str]:
    """Web addresses cited in a footnote, as IRIs (a bare "www." or "nos.nl/..." gets https://)."""
    urls: list[str] = []
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,;:)»”\"'")
        if url.count("(") < url.count(")"):
            url = url[: url.rfind(")")]
        if not re.match(r"https?://", url):
            url = "https://" + url
        url = re.sub(r"[\s<>\"{}|\\^`]", "", url)
        if url not in urls:
            urls.append(url)
    return urls


def _marker_patterns(k: int) -> list[re.Pattern[str]]:
    return [
        re.compile(rf"\[\^{k}\]"),
        re.compile(rf"^\s*((?:\d{{1,3}}\s*,\s*)*{k}(?:\s*,\s*\d{{1,3}})*(?:\s+en\s+\d{{1,3}})?)\s*$"),
        re.compile(rf"(?<=\S)\s?({k})\)"),
        re.compile(rf"(?<=[^\s\d(\[/+=%€$-])({k})(?=[\s.,;:)!?»”’\"]|$)"),
        re.compile(rf"(?<=\b(?:19[5-9]|20[0-4])\d)({k})(?=[\s.,;:)!?»”’\"]|$)"),
    ]


def mark_footnotes(lines: list[str], numbers: list[int]) -> list[str]:
    """Rewrite each footnote marker as "[^N]", searching for marker N after marker N-1."""
    lines = list(lines)
    row, col = 0, 0
    for k in numbers:
        hit = _find_marker(lines, k, row, col) or _find_marker(lines, k, 0, 0)
        if hit is None:
            continue
        r, start, end, whole_line = hit
        if whole_line:
            listed = [int(n) for n in re.findall(r"\d+", lines[r])]
            lines[r] = " ".join(f"[^{n}]" for n in listed if n in numbers or n == k)
            row, col = r, len(lines[r])
        else:
            lines[r] = lines[r][:start] + f"[^{k}]" + lines[r][end:]
            row, col = r, start + len(f"[^{k}]")
    return lines


def _find_marker(lines: list[str], k: int, row: int, col: int) -> tuple[int, int, int, bool] | None:
    patterns = _marker_patterns(k)
    for r in range(row, len(lines)):
        line = lines[r]
        offset = col if r == row else 0
        best: tuple[int, int, int, bool] | None = None
        for n, pattern in enumerate(patterns):
            if n == 1:
                if (offset == 0 and pattern.match(line) and r > 0 and lines[r - 1].strip()
                        and lines[r - 1] != PAGE and not _LABEL.match(lines[r - 1])
                        and not re.fullmatch(r"\s*\d+\s*", lines[r - 1])):
                    return (r, 0, len(line), True)
                continue
            m = pattern.search(line, offset)
            if m and (best is None or m.start(m.lastindex or 0) < best[1]):
                g = m.lastindex or 0
                best = (r, m.start(g) if n != 2 else m.start(0), m.end(0), False)
        if best:
            return best
    return None
