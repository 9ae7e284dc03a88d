"""A case's plan as a PDF (fpdf2): the body column, the letterhead as a side column in small type, raised
footnote markers and the footnotes at the page foot, 'Pagina N van M' in the side column."""

from __future__ import annotations

from .cases import Plan
from .render import MARK, cited

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
