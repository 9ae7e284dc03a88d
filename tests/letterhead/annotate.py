"""Write tests/letterhead/expected/<slug>.json, each case's annotation in the corpus format (ANNOTATIONS.md),
from the case's own facts: `python tests/letterhead/annotate.py`. Read the diff before committing; the tests
fail where a committed annotation and its case disagree."""

from __future__ import annotations

import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from letterhead.cases import EXPECTED, annotation, slugs  # noqa: E402


def dump(slug: str) -> str:
    return json.dumps(annotation(slug), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    EXPECTED.mkdir(exist_ok=True)
    for slug in slugs():
        (EXPECTED / f"{slug}.json").write_text(dump(slug), encoding="utf-8")
    print(f"{len(slugs())} annotations in {EXPECTED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
