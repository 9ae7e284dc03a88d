"""Footnotes in extracted text: take the bodies out of the running text, and pin each marker down as "[^N]".

Footnotes are numbered 1, 2, 3 ... through a document, and a body is printed at the foot of the page that
carries its marker. Both facts together tell a footnote body ("2 Zoals ook genoemd in ...") from a line of
text that merely starts with a number."""

from __future__ import annotations

import re
from contextlib import suppress
from functools import cache

from ..iri import encode_iri
from ..model import Footnote
from .furniture import PAGE
from .page import split_pages

_LABEL = re.compile(r"^\s*(?:Vraag|Vragen|Antwoord|Mededeling|Toelichting)\b", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|com|org|eu|net|int|gov|be|de|"
                  r"uk|info|io)/\S*", re.I)
_SENTENCE_END = re.compile(r"[.)»”\"']\s*$")
_LIST_LINE = re.compile(r"^\s*\d{1,3}(?:\s*,\s*\d{1,3})*(?:\s+en\s+\d{1,3})?\s*$")


def _start(line: str, k: int) -> str | None:
    """The body text if line starts footnote k ("2 Zoals", "1) AD", "1Kinderrechten.nl", "22023 Annual")."""
    m = _start_pattern(k).match(line)
    if not m or _LABEL.match(line):
        return None
    rest = m.group(1)
    if re.match(r"^\d", rest) and not re.match(r"^(?:\d{1,2} \w+ )?(?:19|20)\d\d\b", rest):
        return None
    return rest


def _marker_seen(text: str, k: int) -> bool:
    """Whether the text so far has a plausible marker k."""
    return bool(_seen_pattern(k).search(text))


@cache
def _start_pattern(k: int) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:\[\^{k}\]\s*|{k}(?:\)\s*|\s+|(?=[^\d\s.,)])|(?=(?:19|20)\d\d\b)))(\S.*)$")


@cache
def _seen_pattern(k: int) -> re.Pattern[str]:
    return re.compile(rf"(?:[^\s\d(\[]|\b(?:19[5-9]|20[0-4])\d){k}(?!\d)|^\s*(?:\d+\s*,\s*)*{k}\b|"
                      rf"\s{k}\)|\[\^{k}\]|(?<=[?!»”’\"\]])\s(?:\d{{1,3}}\s)*{k}(?:\s\d{{1,3}})*\s*$", flags=re.M)


def split_footnotes(lines: list[str]) -> tuple[list[str], list[Footnote]]:
    """Separate footnote bodies from the running text. Returns (body lines, footnotes in number order).

    First at the foot of each page (the lines just before a page edge), then, for letters whose pages are
    not marked, anywhere a numbered line continues the sequence."""
    segments = split_pages(lines)
    bodies: dict[int, list[str]] = {}
    pending: list[int] = []
    out: list[str] = []
    for n, seg in enumerate(segments):
        k = max(bodies, default=0) + 1
        if pending:
            seg = _take_pending(seg, pending, bodies)
            pending = []
            k = max(bodies, default=0) + 1
        cut, found = _page_foot(seg, k, "\n".join(out[-600:] + seg))
        if found:
            bodies.update(found)
            seg = seg[:cut]
        elif n + 1 < len(segments) and _unnumbered_body(seg, segments[n - 1] if n else [], k):
            bodies[k] = [x.strip() for x in seg if x.strip()]
            seg = []
        elif n + 1 < len(segments):
            seg, pending = _lone_numbers_at_end(seg, k)
        if n:
            out.append(PAGE)
        out.extend(seg)
    out, more = _inline_footnotes(out, max(bodies, default=0) + 1)
    bodies.update(more)
    return out, [_footnote(n, parts) for n, parts in sorted(bodies.items())]


def _unnumbered_body(seg: list[str], before: list[str], k: int) -> bool:
    """pdftotext sometimes drops a footnote's number: a short block between the colophon and the page footer,
    right after the page whose text carries the glued marker k ("vliegen»1?") and whose foot held no footnote."""
    texts = [x for x in seg if x.strip()]
    if not texts or len(texts) > 4 or any(_LABEL.match(x) for x in texts) or texts[0].lstrip()[:1].islower():
        return False
    glued = _glued_pattern(k)
    return any(glued.search(x) for x in before) and _SENTENCE_END.search(texts[-1]) is not None


def _page_foot(seg: list[str], k: int, context: str) -> tuple[int, dict[int, list[str]]]:
    """The footnote zone at the foot of a page: where it starts, and the bodies by number."""
    end = len(seg)
    while end and not seg[end - 1].strip():
        end -= 1
    for first in (k, k + 1):  # k + 1: the extraction lost footnote k's body (a page's last line, say)
        starts = [j for j in range(end) if _start(seg[j], first) is not None]
        for j in reversed(starts):
            found = _numbered_zone(seg[j:end], first)
            if found and _marker_seen(context, first):
                return j, found
    for j in range(end):
        if re.fullmatch(r"\s*\d{1,3}\s*", seg[j]) and k <= int(seg[j]) < k + 30:
            found = _lone_number_zone(seg[j:end], k)
            if found:
                return j, found
    return len(seg), {}


def _numbered_zone(zone: list[str], k: int) -> dict[int, list[str]] | None:
    """Footnotes printed with their numbers: "1 NOS, ...", continuation lines, "2 ..."."""
    found: dict[int, list[str]] = {}
    current = k
    for line in zone:
        if _LABEL.match(line) or re.match(r"^\s*\d{1,2}\.\s+[A-Z]", line):
            return None
        if found and len(found[current]) > 8:  # no footnote runs that long: this is body text
            return None
        text = _start(line, current + 1) if found else _start(line, k)
        if text is not None:
            current = current + 1 if found else k
            found[current] = [text]
        elif line.strip():
            found[current].append(line.strip())
    return found


def _lone_number_zone(zone: list[str], k: int) -> dict[int, list[str]] | None:
    """pdftotext: numbers on lines of their own, each above its body or the bodies beside them in some order."""
    numbers, texts = [], []
    positional: dict[int, list[str]] = {}
    for line in zone:
        if _LABEL.match(line):
            return None
        if re.fullmatch(r"\s*\d{1,3}\s*", line):
            numbers.append(int(line))
            positional[int(line)] = []
        elif line.strip():
            texts.append(line.strip())
            if numbers:
                positional[numbers[-1]].append(line.strip())
    ordered = sorted(set(numbers))
    if not ordered or ordered != list(range(k, k + len(ordered))) or not texts:
        return None
    if numbers == ordered and all(positional.values()):
        return positional  # each number printed above its own body
    groups = _group_bodies(texts, len(ordered))
    return dict(zip(ordered, groups, strict=True)) if groups else None


def _group_bodies(texts: list[str], n: int) -> list[list[str]] | None:
    if len(texts) == n:
        return [[t] for t in texts]
    groups: list[list[str]] = []
    for t in texts:
        if groups and not _SENTENCE_END.search(groups[-1][-1]) or groups and t[:1].islower():
            groups[-1].append(t)
        else:
            groups.append([t])
    return groups if len(groups) == n else None


def _lone_numbers_at_end(seg: list[str], k: int) -> tuple[list[str], list[int]]:
    """Lone footnote numbers at the end of a page part (pdftotext prints them above the colophon)."""
    j = len(seg)
    numbers: list[int] = []
    while j and (not seg[j - 1].strip() or re.fullmatch(r"\s*\d{1,3}\s*", seg[j - 1])):
        if seg[j - 1].strip():
            numbers.insert(0, int(seg[j - 1]))
        j -= 1
    if numbers and sorted(numbers) == list(range(k, k + len(numbers))) and j and seg[j:] and not seg[j].strip():
        return seg[:j], sorted(numbers)
    return seg, []


def _take_pending(seg: list[str], pending: list[int], bodies: dict[int, list[str]]) -> list[str]:
    """The bodies of numbers printed on the page part before: the text of this part, if it is nothing else."""
    texts = [x.strip() for x in seg if x.strip()]
    if not texts or any(_LABEL.match(t) for t in texts):
        return seg
    groups = _group_bodies(texts, len(pending))
    if groups is None:
        return seg
    bodies.update(zip(pending, groups, strict=True))
    return []


def _inline_footnotes(lines: list[str], k: int) -> tuple[list[str], dict[int, list[str]]]:
    """Footnote bodies in the running text where no page edge marks the foot of the page (a ministry letter)."""
    body: list[str] = []
    bodies: dict[int, list[str]] = {}
    current: int | None = None
    for i, line in enumerate(lines):
        text = _start(line, k) if line != PAGE else None
        if text is not None and _marker_seen("\n".join(body[-400:]), k):
            bodies[k] = [text]
            current, k = k, k + 1
            continue
        if current is not None and line != PAGE and _continues(bodies[current], lines, i):
            if line.strip():
                bodies[current].append(line.strip())
            continue
        current = None
        body.append(line)
    return body, bodies


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


# an address a line break split where the extraction put a space: "…/huisvesting_ evacuees/b1",
# "…balkenendenorm? share=nYar…"; the rest has no capital and holds a path or query character
_SPLIT_URL = re.compile(r"((?:https?://|www\.)\S*?[-_/?=&])\s(?=[a-z0-9%][\w\-./?=&%#~+]*[/=_.&-][\w\-./?=&%#~+]*(?:\s|$|[),.]))")


# a quoted query value with spaces inside an address: '…/zoeken?q="camper gewicht"&filter[jaar]=2024'
_QUOTED_IN_URL = re.compile(r'((?:https?://|www\.)\S*?=)"([^"\n]{1,80})"')


def _encode_quoted(m: re.Match[str]) -> str:
    """The quoted value kept in one piece: its quotes and spaces escaped before the address is cut out."""
    return m.group(1) + "%22" + m.group(2).replace(" ", "%20") + "%22"


def find_urls(text: str) -> list[str]:
    """Web addresses cited in a footnote, as IRIs (a bare "www." or "nos.nl/..." gets https://)."""
    urls: list[str] = []
    text = _QUOTED_IN_URL.sub(_encode_quoted, text)
    for m in _URL.finditer(_SPLIT_URL.sub(r"\1", text)):
        url = m.group(0).rstrip(".,;:)»”\"'")
        if url.count("(") < url.count(")"):
            url = url[: url.rfind(")")]
        if not re.match(r"https?://", url):
            url = "https://" + url
        with suppress(ValueError):  # characters an IRI may not hold percent-encoded, never dropped; an address
            url = encode_iri(url)  # no encoding mends is left for iri.py to refuse, naming the letter
        if url not in urls:
            urls.append(url)
    return urls


@cache
def _glued_pattern(k: int) -> re.Pattern[str]:
    """Marker k glued to the word or punctuation before it ("bericht?1", "maatregelen2."), not a decimal."""
    return re.compile(rf"(?<=[^\s\d(\[/+=%€$-])(?<!\d[.,])({k})(?=[\s.,;:)!?»”’\"]|$)")


@cache
def _marker_patterns(k: int) -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(rf"\[\^{k}\]"),
        re.compile(rf"^\s*((?:\d{{1,3}}\s*(?:,|\s)\s*)*{k}(?:\s*(?:,|\s)\s*\d{{1,3}})*(?:\s+en\s+\d{{1,3}})?)\s*$"),
        re.compile(rf"(?<=[^\d\s])\s?({k})\)"),
        # set apart from a quoted title before the punctuation: "«Drones» 1?", "«Drones» (1)?"
        re.compile(rf"(?<=[»”’\"'])\s\(?({k})\)?(?=\s?[?.!,;:])"),
        _glued_pattern(k),
        # "…vergoeding orthodontie»? 2 3": markers set apart at the end of a line
        re.compile(rf"(?<=[?!»”’\"\]])\s({k})(?=(?:\s\d{{1,3}})*\s*$)"),
        re.compile(rf"(?<=\b(?:19[5-9]|20[0-4])\d)({k})(?=[\s.,;:)!?»”’\"]|$)"),
    )


def mark_footnotes(lines: list[str], numbers: list[int], line_start: bool = False) -> list[str]:
    """Rewrite each footnote marker as "[^N]", searching for marker N after marker N-1.

    With line_start, a number opening a line of running text is a marker too (PyPDF2 and pypdf move a
    superscript to the start of the next line: "2 Het Europees Parlement"); only safe where questions are
    labelled "Vraag N", not numbered "N."."""
    lines = list(lines)
    row, col = 0, 0
    for k in numbers:
        hit = _find_marker(lines, k, row, col, line_start)
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


@cache
def _line_start_pattern(k: int) -> re.Pattern[str]:
    return re.compile(rf"^\s*({k})(?:\.|(?=,))?(?=[\s,]+\S)")


def _exponent(lines: list[str], r: int, k: int) -> bool:
    """'... 12 miljard m' then '3 aan aardgas': the superscript of m³ (or m²) moved to the next line."""
    return k in (2, 3) and r > 0 and re.search(r"\b[kcdm]?m$", lines[r - 1].rstrip()) is not None


def _in_numbered_list(lines: list[str], r: int, k: int) -> bool:
    """'2. Meerjarige ...' two lines under '1. Bekostiging ...' or above '3. Grote ...': an item of a numbered
    list in the text, not marker 2 that PyPDF2 moved to the start of the line."""
    if not re.match(rf"^\s*{k}\.\s", lines[r]):
        return False
    for j in [*range(r - 1, max(-1, r - 7), -1), *range(r + 1, min(len(lines), r + 7))]:
        if re.match(rf"^\s*(?:{k - 1}|{k + 1})\.\s+\S", lines[j]) and not any(
                _LABEL.match(x) for x in lines[min(r, j):max(r, j)]):
            return True
    return False


def _find_marker(lines: list[str], k: int, row: int, col: int,
                 line_start: bool = False) -> tuple[int, int, int, bool] | None:
    explicit = _marker_patterns(k)[0]  # "[^k]", as Markdown and Word print it: wins over every guess
    for r in range(row, len(lines)):
        m = explicit.search(lines[r], col if r == row else 0)
        if m:
            return (r, m.start(), m.end(), False)
    patterns = _marker_patterns(k) + (_line_start_pattern(k),) if line_start else _marker_patterns(k)
    for r in range(row, len(lines)):
        line = lines[r]
        offset = col if r == row else 0
        best: tuple[int, int, int, bool] | None = None
        for n, pattern in enumerate(patterns):
            if n == 1:
                if (offset == 0 and pattern.match(line) and r > 0 and lines[r - 1].strip()
                        and lines[r - 1] != PAGE and not _LABEL.match(lines[r - 1])
                        and not re.fullmatch(r"\s*\d+\s*", lines[r - 1])
                        and not _exponent(lines, r, k)):
                    return (r, 0, len(line), True)
                continue
            m = pattern.search(line, offset)
            if m and line_start and n == len(patterns) - 1 and (
                    _in_numbered_list(lines, r, k) or _exponent(lines, r, k)):
                m = None
            if m:
                start = m.start(m.lastindex or 0) if n not in (2, 3) else m.start(0)
                if best is None or start < best[1]:
                    best = (r, start, m.end(0), False)
        if best:
            return best
    return None


_ORPHAN = re.compile(r"(?<=[?.!»’'\"”])\s?(\d{1,2})\)(?=\s*$)|(?<=[?»”])(\d{1,2})(?=\s|$)")


def mark_orphan_markers(lines: list[str], known: set[int]) -> tuple[list[str], list[Footnote]]:
    """Markers such as "bericht? 1)" whose footnote the extraction did not keep: marked, with an empty body."""
    found: dict[int, Footnote] = {}

    def mark(m: re.Match[str]) -> str:
        n = int(m.group(1) or m.group(2))
        if n in known or m.group(2) and n > max(known, default=0) + 3:
            return m.group(0)
        found.setdefault(n, Footnote(number=n, text=""))
        return f"[^{n}]"

    return [_ORPHAN.sub(mark, line) for line in lines], list(found.values())
