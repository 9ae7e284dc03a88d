"""Score the reader on the invented letterhead family: every case rendered in every form, converted with
converter.pipeline.convert_letter and compared with the case's annotation field by field.

    python tests/letterhead/score.py [--verbose] [--json] [--form pdftotext,pypdf2,docx,pdf]

prints, per rendering, fields right / fields, the cases fully right and the fields that fail most (--json: the
same per rendering and the wrong fields of every case, for machines)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `letterhead` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from letterhead.cases import EXPECTED, plan, slugs  # noqa: E402
from letterhead.compare import Result, compare  # noqa: E402
from letterhead.render import FORMS, render  # noqa: E402


def forms_of(slug: str) -> list[str]:
    """The renderings a case has: a PDF only where the case asks for one; a Word-only trait only as Word."""
    case = plan(slug).case
    return [f for f in case.get("forms", FORMS) if f != "pdf" or case["pdf"]]


def run_case(slug: str, form: str, folder: Path) -> tuple[list[Result], str | None]:
    """Render, convert and compare one case in one form; a refused or crashed letter scores every field wrong."""
    from converter.errors import ConverterError
    from converter.pipeline import convert_letter

    expected = json.loads((EXPECTED / f"{slug}.json").read_text(encoding="utf-8"))
    path = render(plan(slug), form, folder)
    try:
        graph = convert_letter(path).graph
        error = None
    except ConverterError as exc:
        graph, error = None, f"refused: {exc}"
    except Exception as exc:  # an internal error is a result here, reported with the case
        graph, error = None, f"internal error: {type(exc).__name__}: {exc}"
    return compare(expected, graph), error


def table(results: dict[tuple[str, str], list[Result]]) -> str:
    rows = ["| rendering | score (fields right / fields) | cases fully right | fails most |", "|---|---|---|---|"]
    for form in FORMS:
        mine = {slug: r for (slug, f), r in results.items() if f == form}
        if not mine:
            continue
        fields = [x for r in mine.values() for x in r]
        right = sum(ok for _, ok, _ in fields)
        full = sum(all(ok for _, ok, _ in r) for r in mine.values())
        failing = Counter(name for name, ok, _ in fields if not ok).most_common(4)
        worst = ", ".join(f"{name} {n}" for name, n in failing) or "-"
        rows.append(f"| {form} | {right / len(fields):.3f} ({right}/{len(fields)}) | {full}/{len(mine)} | {worst} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every field that is wrong")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--form", default=",".join(FORMS), help="renderings to score (comma-separated)")
    args = parser.parse_args()
    wanted = args.form.split(",")
    results: dict[tuple[str, str], list[Result]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for slug in slugs():
            for form in forms_of(slug):
                if form not in wanted:
                    continue
                folder = Path(tmp) / form
                folder.mkdir(exist_ok=True)
                found, error = run_case(slug, form, folder)
                results[(slug, form)] = found
                if args.verbose and (error or not all(ok for _, ok, _ in found)):
                    print(f"{slug} [{form}]" + (f": {error}" if error else ""))
                    for name, ok, detail in found:
                        if not ok and not error:
                            print(f"    {name}: {detail}")
    print(as_json(results) if args.json else table(results))
    return 0


def as_json(results: dict[tuple[str, str], list[Result]]) -> str:
    out: dict[str, dict] = {}
    for (slug, form), found in sorted(results.items()):
        mine = out.setdefault(form, {"fields": 0, "right": 0, "cases": 0, "fully_right": 0, "wrong": {}})
        mine["fields"] += len(found)
        mine["right"] += sum(ok for _, ok, _ in found)
        mine["cases"] += 1
        mine["fully_right"] += all(ok for _, ok, _ in found)
        wrong = [f"{name}: {detail}" for name, ok, detail in found if not ok]
        if wrong:
            mine["wrong"][slug] = wrong
    return json.dumps(out, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    sys.exit(main())
