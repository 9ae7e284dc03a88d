"""A case's plan laid out four ways, as the real letters arrive: text as pdftotext prints it, text as PyPDF2
prints it, a Word file (python-docx, footnotes part written by hand) and a PDF (fpdf2)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from .cases import Para, Plan

MARK = re.compile(r"\{(\d+)\}")
FORMS = ("pdftotext", "pypdf2", "docx", "pdf")
SUFFIX = {"pdftotext": ".txt", "pypdf2": ".txt", "docx": ".docx", "pdf": ".pdf"}


def marker(n: int, style: str) -> str:
    return {"plain": f"{n}", "paren": f"{n})", "bracket": f"[{n}]", "spaced": f" {n})"}[style]


def note_prefix(n: int, style: str) -> str:
    return {"plain": f"{n} ", "paren": f"{n}) ", "bracket": f"[{n}] ", "spaced": f"{n}) "}[style]


def marked(text: str, style: str) -> str:
    return MARK.sub(lambda m: marker(int(m.group(1)), style), text)


def cited(text: str) -> list[int]:
    return [int(n) for n in MARK.findall(text)]


def render(plan: Plan, form: str, folder: Path) -> Path:
    """Write the case in one form into folder; the file is named after the case (the extraction as prefix)."""
    name = {"pdftotext": "pdftext-poppler_", "pypdf2": "pdftext-pypdf2_", "docx": "", "pdf": ""}[form]
    path = folder / f"{name}{plan.slug}{SUFFIX[form]}"
    if form in ("pdftotext", "pypdf2"):
        path.write_text(text_form(plan, joined=form == "pypdf2"), encoding="utf-8")
    elif form == "docx":
        from .render_word import docx_form

        path.write_bytes(docx_form(plan))
    else:
        from .render_pdf import pdf_form

        path.write_bytes(pdf_form(plan))
    return path


# --- text ---------------------------------------------------------------------------------------------------


def _wrap(text: str, width: int = 95) -> list[str]:
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    return [x + " " for x in lines[:-1]] + lines[-1:]


def _para_text(para: Para, style: str) -> str:
    text = marked(para.text, style)
    return f"{para.number}. {text}" if para.number is not None else text


def _note_lines(plan: Plan, numbers: list[int], joined: bool) -> list[str]:
    """Footnote bodies as the extraction prints them, with the case's footnote traits."""
    style = plan.case["marker"]
    traits = {int(k): v for k, v in plan.case["footnote_traits"].items()}
    out: list[str] = []
    run_on = False
    for n in numbers:
        t = traits.get(n, {})
        body = ("" if t.get("lost_number") else note_prefix(n, style)) + plan.footnotes[n - 1][1]
        lines = [body] if joined else _break_url(body, t.get("url_break"))
        if run_on and out:
            out[-1] += lines[0]
            out.extend(lines[1:])
        else:
            out.extend(lines)
        run_on = bool(t.get("run_on"))
    return out


def _break_url(body: str, how: str | None) -> list[str]:
    url = re.search(r"https?://\S+?(?=[).,]*(?:\s|$))", body)
    if not how or not url:
        return _wrap(body, 110)
    u = url.group(0)
    head = len(re.match(r"https?://[^/]+/", u).group(0))  # type: ignore[union-attr]
    cut = u.index("-" if how == "hyphen" else "/", head) + 1
    before, after = body[: url.start() + cut], body[url.start() + cut:]
    if how == "space":
        return _wrap(before + " " + after, 200)
    return [before, after]


def _letterhead_lines(plan: Plan) -> list[str]:
    head = ["", plan.return_address, "", *plan.addressee, "", plan.head[0].text]
    subject = _wrap(plan.head[1].text, 70)
    head += [subject[0], "", *subject[1:], ""]
    return head


def _paragraph_lines(paras: list[Para], style: str, joined: bool) -> list[tuple[str, list[int]]]:
    """(line, footnotes cited on it); a paragraph ends with a blank line (PyPDF2 prints none)."""
    out: list[tuple[str, list[int]]] = []
    for para in paras:
        text = _para_text(para, style)
        notes = cited(para.text)
        # PyPDF2 runs a paragraph's lines together and loses the space at each line break
        lines = ["".join(x.rstrip() for x in _wrap(text))] if joined else _wrap(text)
        for i, line in enumerate(lines):
            out.append((line, notes if i == len(lines) - 1 else []))
        if not joined:
            out.append(("", []))
    return out


def text_form(plan: Plan, joined: bool) -> str:
    """pdftotext (joined=False) or PyPDF2 (joined=True): the letterhead, the cover letter, the sidebar, then the
    questions and answers page by page, footnote bodies at each page's foot (or at the end), form feeds."""
    style = plan.case["marker"]
    first = _letterhead_lines(plan)
    sidebar_first = plan.case.get("sidebar_first", False)  # the column printed before the page's other text
    if sidebar_first:
        first[:0] = [*plan.sidebar, ""]
    parts = {"cover": plan.cover, "signature": plan.signature}
    pages: list[list[str]] = [first]
    flow: list[tuple[str, list[int]]] = []
    for part in plan.order:
        if part == "sidebar":
            pages[-1].extend(line for line, _ in flow)
            pages[-1].extend([] if sidebar_first else plan.sidebar)
            flow = []
        elif part == "body":
            flow.extend(_paragraph_lines(plan.body, style, joined))
        else:
            flow.extend(_paragraph_lines(parts[part], style, joined))
    at_end = plan.case["footnote_place"] == "end"
    body_pages: list[list[str]] = []
    notes_pending: list[int] = []
    page: list[str] = []
    for line, notes in flow:
        page.append(line)
        notes_pending.extend(notes)
        if len(page) >= plan.case["page_lines"]:
            if not at_end:
                page += _note_lines(plan, notes_pending, joined)
                notes_pending = []
            body_pages.append(page)
            page = []
    if at_end:
        page += ["", *_note_lines(plan, sorted(set(range(1, len(plan.footnotes) + 1))), joined)]
    else:
        page += _note_lines(plan, notes_pending, joined)
    body_pages.append(page)
    repeat = plan.case["repeat_letterhead"]
    total = 1 + len(body_pages)
    for number, lines in enumerate(body_pages, start=2):
        if repeat == "top":
            lines[:0] = [*plan.repeat, ""]
        elif repeat == "interleaved":
            lines[2:2] = ["", *plan.repeat, ""]
        if repeat != "none":
            lines.append(f"Pagina {number} van {total}")
    pages = [pages[0], *body_pages]
    if joined:
        pages = [[x for x in p if x.strip()] for p in pages]
    return "\f".join("\n".join(p) + "\n" for p in pages)
