"""Letters -> one published dataset: dumps, catalogue record, site, summary, swapped in only when complete."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from ..batch import unmatched_names
from ..catalog import CatalogSettings, build_catalog, distributions, temporal_dates, validate_catalog
from ..errors import ConverterError, InputError
from ..graph import check_base_iri, graph_iri
from ..pipeline import Converted, convert_each
from ..resources import context_file, ontology_dir, shapes_dir
from ..site.adapter import site_files
from ..validate import Report
from . import serialize_graph
from .dumps import DUMP_DIR, DUMPS, merge_graphs, serialize_dumps
from .folder import MANIFEST, replace_folder


class CatalogNotConforming(ConverterError):
    """The catalogue record breaks shapes/catalog/: nothing was published."""

    def __init__(self, report: Report) -> None:
        self.report = report
        rules = "; ".join(f.describe() for f in report.violations)
        super().__init__(f"the catalogue record does not conform to shapes/catalog/: {rules}")


@dataclass(frozen=True)
class Failure:
    """A letter left out of the dataset, and why: "unreadable", "not-conforming" or "duplicate"."""

    path: Path
    reason: str
    kind: str


@dataclass(frozen=True)
class Published:
    """What a publish run did: the letters in the dataset, the ones left out and why, and the summary."""

    out_dir: Path
    letters: tuple[Converted, ...]
    failed: tuple[Failure, ...]
    catalog_report: Report
    summary: dict


def publish_dataset(paths: Iterable[Path], out_dir: Path, settings: CatalogSettings,
                    timeout: float = 0) -> Published:
    """Convert and validate every letter (each within `timeout` seconds; 0: no limit) and publish those that
    conform as one dataset in out_dir. The caller holds the folder (outdir.hold_out_folder)."""
    base = check_base_iri(settings.base_iri)
    letters, failed = _convert(paths, base, timeout)
    if not letters:
        reasons = "; ".join(f.reason for f in failed) or "no letters given"
        raise InputError(f"nothing to publish: no letter could be converted ({reasons})")
    graphs = {graph_iri(c.letter, base): c.graph for c in letters}
    merged = merge_graphs(graphs)
    dumps = serialize_dumps(graphs, merged)
    catalog = build_catalog(settings, distributions(dumps, DUMPS, DUMP_DIR), merged, temporal_dates(merged),
                            len(graphs))
    report = validate_catalog(catalog)
    if not report.conforms:
        raise CatalogNotConforming(report)
    files = {f"{DUMP_DIR}/{name}": data for name, data in dumps.items()}
    files[f"{DUMP_DIR}/catalog.ttl"] = serialize_graph(catalog, "ttl")
    files.update(_shipped_files())
    shapes = [p for p in files if p.startswith("shapes/")]
    models = [c.letter for c in letters]
    files.update(site_files(graphs, models, merged, base, files[f"{DUMP_DIR}/catalog.ttl"], shapes))
    summary = _summary(base, letters, graphs, failed, len(merged), sorted(files))
    text = json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True)
    files[MANIFEST] = (text + "\n").encode("utf-8")
    replace_folder(out_dir, files)
    return Published(out_dir=out_dir, letters=tuple(letters), failed=tuple(failed), catalog_report=report,
                     summary=summary)


def _convert(paths: Iterable[Path], base: str, timeout: float) -> tuple[list[Converted], list[Failure]]:
    """Convert every letter; keep those that conform, once each, and say why the others are left out."""
    letters: list[Converted] = []
    failed: list[Failure] = []
    seen: dict[URIRef, Path] = {}
    for outcome in convert_each(paths, base, timeout):
        converted = outcome.converted
        if converted is None:
            failed.append(Failure(outcome.path, outcome.error or f"{outcome.path}: unreadable", "unreadable"))
        elif not converted.report.conforms:
            rules = "; ".join(f.describe() for f in converted.report.violations)
            failed.append(Failure(outcome.path, f"{outcome.path}: does not conform to the shapes: {rules}",
                                  "not-conforming"))
        elif (name := graph_iri(converted.letter, base)) in seen:
            reason = (f"{outcome.path}: the same letter as {seen[name]} (both are the named graph {name}); "
                      "left out")
            failed.append(Failure(outcome.path, reason, "duplicate"))
        else:
            seen[name] = outcome.path
            letters.append(converted)
    return letters, failed


def _shipped_files() -> dict[str, bytes]:
    """The ontology, the JSON-LD context and our shapes, copied beside the data."""
    files = {"ontology/kamervragen.ttl": (ontology_dir() / "kamervragen.ttl").read_bytes(),
             "ontology/context.jsonld": context_file().read_bytes()}
    for path in sorted(shapes_dir().rglob("*.ttl")):
        files[f"shapes/{path.relative_to(shapes_dir()).as_posix()}"] = path.read_bytes()
    return files


def _summary(base: str, letters: list[Converted], graphs: dict[URIRef, Graph],
             failed: list[Failure], triples: int, files: list[str]) -> dict:
    warnings: Counter[str] = Counter()
    published = []
    for c, name in zip(letters, graphs, strict=True):
        kinds = sorted([*(f.shape.rsplit("#", 1)[-1] for f in c.report.warnings), *["reader"] * len(c.letter.warnings)])
        warnings.update(kinds)
        published.append({"file": str(c.path), "graph": str(name), "questions": len(c.letter.questions),
                          "answers": len(c.letter.answers), "warnings": kinds})
        if c.letter.warnings:  # what the reader repaired (bytes that were not UTF-8), in its words
            published[-1]["reader_warnings"] = list(c.letter.warnings)
    return {
        "base_iri": base,
        "letters": {"published": len(letters), "failed": len(failed)},
        "published": published,
        "failed": [{"file": str(f.path), "kind": f.kind, "reason": f.reason} for f in failed],
        "warnings": dict(sorted(warnings.items())),
        "unmatched_names": unmatched_names(Counter((u.kind, u.name, u.reason) for c in letters for u in c.unmatched)),
        "triples": triples,
        "files": files,
    }
