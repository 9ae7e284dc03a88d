"""How many of the names in a converted folder the reference lists resolved, per kind, and the names left
unmatched with the reason: `python benchmarks/match_rate.py OUT` after `kamervragen convert LETTERS --out OUT`.

A mention is one name as one letter wrote it. Asking members, parties, signatories and offices are counted
from each letter's graph (its schema:alternateName spellings) less the unmatched names report.json lists;
ministries are the ministries the letters' offices are posts in, matched where owl:sameAs a TOOI identifier."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from rdflib import RDF, Graph, Namespace
from rdflib.namespace import OWL

KV = Namespace("https://w3id.org/kamervragen/def#")
SDO = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
KINDS = {"member": "asking members", "party": "parties", "person": "signatories", "office": "offices"}


def _mentions(g: Graph, official: bool = False) -> dict[str, set[str]]:
    """kind -> the names the letter wrote for it (only of resources owl:sameAs an official IRI, if asked)."""
    members = set(g.subjects(RDF.type, KV.MemberOfParliament))
    signers = set(g.objects(None, KV.signatory))
    parties = set(g.objects(None, SDO.memberOf))
    offices = set(g.subjects(RDF.type, KV.Office))
    return {kind: {str(n) for node in nodes for n in g.objects(node, SDO.alternateName)
                   if not official or (node, OWL.sameAs, None) in g}
            for kind, nodes in (("member", members), ("person", signers - members), ("party", parties),
                                ("office", offices))}


def measure(out: Path) -> dict[str, tuple[int, int, int]]:
    """kind -> (matched, with an official Id, total) mentions."""
    totals: Counter[str] = Counter()
    with_id: Counter[str] = Counter()
    ministries: Counter[str] = Counter()
    for path in sorted(out.glob("*.nt")):
        g = Graph().parse(path, format="nt")
        for kind, names in _mentions(g).items():
            totals[kind] += len(names)
        for kind, names in _mentions(g, official=True).items():
            with_id[kind] += len(names)
        for ministry in set(g.objects(None, ORG.postIn)):
            ministries["total"] += 1
            ministries["matched"] += any(str(o).startswith("https://identifier.overheid.nl/tooi/")
                                         for o in g.objects(ministry, OWL.sameAs))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    unmatched: Counter[str] = Counter()
    for u in report.get("unmatched_names", []):
        unmatched[u["kind"]] += u["letters"]
    rates = {kind: (totals[kind] - unmatched[kind], with_id[kind], totals[kind]) for kind in KINDS}
    rates["ministry"] = (ministries["matched"], ministries["matched"], ministries["total"])
    return rates


def main(out: Path) -> None:
    print(f"{'':15} {'matched':>9} {'':6}  {'official Id':>11}")
    for kind, (matched, official, total) in measure(out).items():
        label = KINDS.get(kind, "ministries")
        ids = (f"{official:4}/{total:<4} {100 * official / total if total else 100:5.1f}%" if kind != "office"
               else "   (offices have no official Id)")
        print(f"{label:15} {matched:4}/{total:<4} {100 * matched / total if total else 100:5.1f}%  {ids}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    for u in report.get("unmatched_names", []):
        print(f"  unmatched {u['kind']:7} {u['name']!r} ({u['letters']} letters): {u['reason']}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
