"""Running a read-only SPARQL query, embedded (pyoxigraph) or at an endpoint over HTTP; its results as text.

Results from either place become one `Result`, so `--format table|csv|json` prints them the same way."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

import pyoxigraph as ox
import requests

from .endpoint import EndpointDataset, EndpointError, ask_answer, endpoint_dataset
from .sparql import PREFIXES, QueryError, names_graphs, query_form, with_prefixes

HTTP_TIMEOUT = (5.0, 60.0)  # seconds to connect, to read
RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class Term:
    """One RDF term of a result, as in SPARQL JSON results: type uri, literal, bnode or triple."""

    type: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def as_json(self) -> dict[str, str]:
        out = {"type": self.type, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype and self.datatype != ox_string():
            out["datatype"] = self.datatype
        return out


@dataclass(frozen=True)
class Result:
    """A query's answer: rows of a SELECT, the truth of an ASK, or N-Triples of a CONSTRUCT/DESCRIBE."""

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: str = field(default="", repr=False)


def ox_string() -> str:
    """xsd:string, which SPARQL JSON leaves implicit."""
    return PREFIXES["xsd"] + "string"


def run_query(store: ox.Store, text: str) -> Result:
    """Run a read-only query; the default graph is the union of the letters' graphs (see store.py)."""
    form = query_form(text)
    try:
        answer = store.query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    if form == "ASK":
        return Result(form, boolean=bool(answer))
    if form in ("CONSTRUCT", "DESCRIBE"):
        lines = sorted({f"{t} .\n" for t in answer})  # type: ignore[union-attr]
        return Result(form, triples="".join(lines))
    names = tuple(v.value for v in answer.variables)  # type: ignore[union-attr]
    rows = tuple(tuple(_term(solution[n]) for n in names) for solution in answer)  # type: ignore[union-attr]
    return Result(form, names, rows)


def _term(node: object) -> Term | None:
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    if isinstance(node, ox.Literal):
        return Term("literal", node.value, node.datatype.value, node.language or None)
    return Term("triple", str(node))


def query_endpoint(
    endpoint: str,
    text: str,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = HTTP_TIMEOUT,
    dataset: EndpointDataset | None = None,
) -> Result:
    """Run a read-only query at a SPARQL 1.1 endpoint (HTTP POST, form-encoded), with a timeout.

    Without `dataset`, the endpoint is first asked where the letters are (see endpoint.py)."""
    form = query_form(text)
    accept = "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE") else RESULTS_JSON
    http = session or requests.Session()
    try:  # a query that names its graphs reads them as it says; the others read the letters' union
        dataset = dataset or (EndpointDataset() if names_graphs(text) else endpoint_dataset(endpoint, http, timeout))
    except EndpointError as exc:
        raise QueryError(str(exc)) from None
    body = {"query": with_prefixes(text), **dataset.params}
    try:
        response = http.post(endpoint, data=body, headers={"Accept": accept}, timeout=timeout)
    except requests.RequestException as exc:
        raise QueryError(f"{endpoint}: no answer ({type(exc).__name__}); is the SPARQL server running?") from exc
    if response.status_code != 200:
        raise QueryError(
            f"{endpoint}: the server refused the query (HTTP {response.status_code}: {response.text.strip()[:300]})"
        )
    if form in ("CONSTRUCT", "DESCRIBE"):
        try:  # parsed and written again from the terms, as run_query does: never sorted as lines of text
            triples = {f"{ox.Triple(q.subject, q.predicate, q.object)} .\n"
                       for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)}
        except SyntaxError as exc:
            raise QueryError(f"{endpoint}: the server's N-Triples cannot be read ({exc})") from exc
        return Result(form, triples="".join(sorted(triples)))
    return parse_results_json(form, response.json())


def parse_results_json(form: str, data: dict) -> Result:
    """SPARQL 1.1 JSON results -> Result."""
    if "boolean" in data or form == "ASK":
        return Result("ASK", boolean=ask_answer(data))
    names = tuple(data["head"].get("vars", []))
    rows = tuple(tuple(_json_term(b.get(n)) for n in names) for b in data["results"]["bindings"])
    return Result(form, names, rows)


def _json_term(item: dict | None) -> Term | None:
    if item is None:
        return None
    kind = "literal" if item["type"] == "typed-literal" else item["type"]
    datatype = item.get("datatype") or (None if item.get("xml:lang") else (ox_string() if kind == "literal" else None))
    return Term(kind, item["value"], datatype, item.get("xml:lang"))


def render(result: Result, fmt: str) -> str:
    """The result as text: an aligned table, CSV, or SPARQL 1.1 JSON results."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return result.triples
    if fmt == "json":
        if result.boolean is not None:
            return json.dumps({"head": {}, "boolean": result.boolean}, indent=2) + "\n"
        bindings = [
            {n: t.as_json() for n, t in zip(result.variables, row, strict=True) if t is not None} for row in result.rows
        ]
        body = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    if result.boolean is not None:
        return ("true" if result.boolean else "false") + "\n"
    cells = [[t.value if t else "" for t in row] for row in result.rows]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows(cells)
        return buf.getvalue()
    return _table(list(result.variables), cells)


def _table(header: list[str], rows: list[list[str]], width: int = 80) -> str:
    short = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in rows]
    sizes = [max([len(h)] + [len(r[i]) for r in short]) for i, h in enumerate(header)]
    line = "  ".join
    out = [line(h.ljust(s) for h, s in zip(header, sizes, strict=True)), line("-" * s for s in sizes)]
    out += [line(c.ljust(s) for c, s in zip(row, sizes, strict=True)).rstrip() for row in short]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
