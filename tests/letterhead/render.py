"""A case's plan laid out four ways, as the real letters arrive: text as pdftotext prints it, text as PyPDF2
prints it, a Word file (python-docx, footnotes part written by hand) and a PDF (fpdf2)."""

from __future__ import annotations

import io
import re
import textwrap
import zipfile
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
        path.write_bytes(docx_form(plan))
    else:
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
    parts = {"cover": plan.cover, "signature": plan.signature}
    pages: list[list[str]] = [first]
    flow: list[tuple[str, list[int]]] = []
    for part in plan.order:
        if part == "sidebar":
            pages[-1].extend(line for line, _ in flow)
            pages[-1].extend(plan.sidebar)
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


# --- Word ---------------------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _add_marked(paragraph, text: str, style: str, real_notes: bool) -> None:  # noqa: ANN001
    """Text with its footnote markers: '{N}' left for the footnotes part, or typed as superscript digits."""
    pos = 0
    for m in MARK.finditer(text):
        paragraph.add_run(text[pos:m.start()])
        if real_notes:
            paragraph.add_run(m.group(0))
        else:
            run = paragraph.add_run(marker(int(m.group(1)), style).strip() if style != "spaced"
                                    else marker(int(m.group(1)), style))
            run.font.superscript = True
        pos = m.end()
    paragraph.add_run(text[pos:])


def docx_form(plan: Plan) -> bytes:
    import docx

    case = plan.case
    style = case["marker"]
    real = case["docx_footnotes"] == "part"
    document = docx.Document()
    head = [plan.return_address, "", *plan.addressee, "", *(p.text for p in plan.head)]
    if case["docx_letterhead"] == "header":
        header = document.sections[0].header
        header.paragraphs[0].text = plan.sidebar[0]
        for line in plan.sidebar[1:]:
            header.add_paragraph(line)
        for line in head:
            document.add_paragraph(line)
    elif case["docx_letterhead"] == "textbox":
        anchor = document.add_paragraph()
        anchor._p.append(_text_box(plan.sidebar))
        for line in head:
            document.add_paragraph(line)
    else:
        table = document.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (head, plan.sidebar), strict=True):
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    paras = {"cover": plan.cover, "signature": plan.signature, "body": plan.body, "sidebar": []}
    auto = bool(case.get("docx_numbering"))  # questions numbered by Word's list numbering, not typed
    for part in plan.order:
        if part == "signature" and case.get("docx_signature") == "table":
            _signature_table(document, plan)
            continue
        for para in paras[part]:
            p = document.add_paragraph(style="List Number" if auto and para.number is not None else None)
            number = f"{para.number}. " if para.number is not None and not auto else ""
            _add_marked(p, number + para.text, style, real)
    if not real:
        _typed_notes(document, plan)
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_footnotes(buffer.getvalue(), plan.footnotes) if real else buffer.getvalue()


def _signature_table(document, plan: Plan) -> None:  # noqa: ANN001
    """The signatories side by side, as Word templates set them: a row of titles, an empty row, a row of names."""
    if plan.case["signoff"]:
        document.add_paragraph(plan.case["signoff"])
    titles = [p.text for p in plan.signature if p.text.isupper() or p.text.lower().startswith("de ")]
    names = [s["name"] for s in plan.case["signatories"]]
    table = document.add_table(rows=3, cols=len(names))
    for i, (title, name) in enumerate(zip(titles, names, strict=True)):
        table.rows[0].cells[i].text = title
        table.rows[2].cells[i].text = name


def _typed_notes(document, plan: Plan) -> None:  # noqa: ANN001
    """Footnote bodies typed as the letter's last paragraphs, each opened by a raised number, with the case's
    traits: a body that lost its number, two bodies run together in one paragraph."""
    style = plan.case["marker"]
    traits = {int(k): v for k, v in plan.case["footnote_traits"].items()}
    document.add_paragraph("")
    paragraph = None
    for n, text in plan.footnotes:
        t = traits.get(n, {})
        if paragraph is None:
            paragraph = document.add_paragraph()
        if not t.get("lost_number"):
            run = paragraph.add_run(note_prefix(n, style).strip())
            run.font.superscript = True
        paragraph.add_run(" " + text)
        paragraph = paragraph if t.get("run_on") else None


def _text_box(lines: list[str]):  # noqa: ANN202 - an lxml element: a run holding a text box
    """A run with a floating text box, as Word writes it: the DrawingML box and its VML fallback copy."""
    from xml.sax.saxutils import escape

    from docx.oxml import parse_xml

    paras = "".join(f"<w:p><w:r><w:t>{escape(x)}</w:t></w:r></w:p>" for x in lines)
    ns = (f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    return parse_xml(
        f"<w:r {ns}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>"
        f"<w:txbxContent>{paras}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback>"
        f"<w:pict><v:shape><v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>")


def _with_footnotes(data: bytes, notes: list[tuple[int, str]]) -> bytes:
    """Add Word's footnotes part and turn each '{N}' run into a footnote reference."""
    from xml.sax.saxutils import escape

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == "word/document.xml":
                blob = re.sub(rb"<w:t>\{(\d+)\}</w:t>",
                              lambda m: b'<w:footnoteReference w:id="' + m.group(1) + b'"/>', blob)
            elif item.filename == "word/_rels/document.xml.rels":
                blob = blob.replace(b"</Relationships>", b'<Relationship Id="rIdFn" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                    b'Target="footnotes.xml"/></Relationships>')
            elif item.filename == "[Content_Types].xml":
                blob = blob.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="'
                                    b'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"'
                                    b"/></Types>")
            dst.writestr(item, blob)
        bodies = "".join(
            f'<w:footnote w:id="{n}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>'
            f'</w:r><w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            for n, text in notes)
        dst.writestr("word/footnotes.xml",
                     f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
                     '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                     '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                     f"</w:r></w:p></w:footnote>{bodies}</w:footnotes>")
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------------------------------

BODY_X, BODY_W, SIDE_X, TOP, BOTTOM = 70.0, 330.0, 440.0, 150.0, 780.0
SIZE, LEAD, SMALL, SMALL_LEAD = 10.0, 13.0, 7.0, 9.0


class _Pdf:
    """Manual layout on fpdf2: body column, letterhead side column, footnotes at the page foot with raised
    markers."""

    def __init__(self, plan: Plan) -> None:
        from fpdf import FPDF

        self.plan = plan
        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.core_fonts_encoding = "windows-1252"
        self.pdf.set_auto_page_break(False)
        self.y = TOP
        self.notes: list[int] = []
        self.pages = 0
        self.new_page()

    def new_page(self) -> None:
        if self.pages:
            self.foot()
        self.pdf.add_page()
        self.pages += 1
        self.notes = []
        lines = self.plan.sidebar if self.pages == 1 else self.plan.repeat
        self.pdf.set_font("Helvetica", size=SMALL)
        for i, line in enumerate(lines):
            if line:
                self.pdf.text(SIDE_X, TOP + i * SMALL_LEAD, line)
        self.pdf.text(SIDE_X, BOTTOM + 25, f"Pagina {self.pages} van {{nb}}")
        self.y = TOP
        self.page_lines = 0

    def notes_height(self, numbers: list[int]) -> float:
        return sum(len(self.note_lines(n)) for n in numbers) * SMALL_LEAD + (SMALL_LEAD if numbers else 0)

    def note_lines(self, n: int) -> list[str]:
        self.pdf.set_font("Helvetica", size=SMALL)
        return self.wrap_words(self.plan.footnotes[n - 1][1].split(), BODY_W - 10)

    def wrap_words(self, words: list[str], width: float) -> list[str]:
        lines: list[str] = []
        for word in self.split_long(words, width):
            trial = f"{lines[-1]} {word}" if lines else word
            if lines and self.pdf.get_string_width(MARK.sub("", trial)) <= width:
                lines[-1] = trial
            else:
                lines.append(word)
        return lines

    def split_long(self, words: list[str], width: float) -> list[str]:
        """A word wider than the column (a web address) broken after a slash or hyphen, as Word does."""
        out: list[str] = []
        for word in words:
            while self.pdf.get_string_width(word) > width:
                cuts = [i + 1 for i, c in enumerate(word)
                        if c in "/-" and self.pdf.get_string_width(word[:i + 1]) <= width]
                if not cuts:
                    break
                out.append(word[:cuts[-1]])
                word = word[cuts[-1]:]
            out.append(word)
        return out

    def foot(self) -> None:
        if not self.notes:
            return
        y = BOTTOM - self.notes_height(self.notes) + SMALL_LEAD
        for n in self.notes:
            self.pdf.set_font("Helvetica", size=SMALL)
            self.pdf.text(BODY_X, y, str(n))
            for line in self.note_lines(n):
                self.pdf.text(BODY_X + 10, y, line)
                y += SMALL_LEAD

    def line(self, text: str, x: float = BODY_X) -> None:
        notes = cited(text)
        full = self.pages > 1 and self.page_lines >= self.plan.case["page_lines"]
        if full or self.y + LEAD > BOTTOM - self.notes_height(self.notes + notes):
            self.new_page()
        for i, piece in enumerate(MARK.split(text)):
            if i % 2:
                self.pdf.set_font("Helvetica", size=6)
                self.pdf.text(x, self.y - 4, piece)
                x += self.pdf.get_string_width(piece)
            elif piece:
                self.pdf.set_font("Helvetica", size=SIZE)
                self.pdf.text(x, self.y, piece)
                x += self.pdf.get_string_width(piece)
        self.notes += notes
        self.y += LEAD
        self.page_lines += 1

    def labelled(self, label: str, text: str) -> None:
        """A letterhead line: the label in small type, the value in body type beside it ('Datum', 'Betreft')."""
        self.pdf.set_font("Helvetica", size=SIZE)
        for i, line in enumerate(self.wrap_words(text.split(), BODY_W - 55)):
            if i == 0:
                self.pdf.set_font("Helvetica", size=SMALL)
                self.pdf.text(BODY_X, self.y, label)
            self.line(line, BODY_X + 55)

    def paragraph(self, text: str) -> None:
        self.pdf.set_font("Helvetica", size=SIZE)
        for line in self.wrap_words(text.split(), BODY_W):
            self.line(line)
        self.y += LEAD


def pdf_form(plan: Plan) -> bytes:
    doc = _Pdf(plan)
    doc.pdf.alias_nb_pages()
    doc.pdf.set_font("Helvetica", size=SMALL)
    doc.pdf.text(BODY_X, TOP - 20, plan.return_address.lstrip("> "))
    for line in plan.addressee:
        doc.line(line)
    doc.y += LEAD
    for para in plan.head:
        label, _, value = para.text.partition(" ")
        doc.labelled(label, value)
    doc.y += LEAD
    parts = {"cover": plan.cover, "signature": plan.signature, "body": plan.body}
    for part in plan.order:
        if part == "sidebar":
            doc.new_page()
            continue
        for para in parts[part]:
            doc.paragraph(f"{para.number}. {para.text}" if para.number is not None else para.text)
    doc.foot()
    return bytes(doc.pdf.output())
