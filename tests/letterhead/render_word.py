"""A case's plan as a Word file: python-docx for the body, tables and page header; the footnotes part and text
boxes written as Word writes them."""

from __future__ import annotations

import io
import re
import zipfile

from .cases import Plan
from .render import MARK, marker, note_prefix

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
