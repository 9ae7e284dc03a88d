"""Which dataset to ask a SPARQL endpoint for, so a query sees the letters' graphs as `kamervragen query` does.

Our queries read the default graph, which in our own store (and in `kamervragen serve`) is the dataset's
union: one value per statement, as reconciled (data/kamervragen.nt.gz), beside the letters' named graphs that
keep each letter's own reading. `push` sends that union as a graph of its own, `<base>graaf/unie`; where a
store holds it, it is asked for as the default graph (`default-graph-uri`, plain SPARQL 1.1 protocol). Without
it, stores differ: Virtuoso and GraphDB answer a query without FROM over all their graphs,
but a plain `oxigraph serve` and Jena TDB2 (without `unionDefaultGraph`) keep the named graphs apart from an
empty default graph, and every query would return nothing without a word. So before the query: if the
default graph is empty while named graphs hold triples, ask for the union the way the store offers it
(Oxigraph's `union-default-graph` parameter, Jena's `urn:x-arq:UnionGraph` as default graph), checked by
asking again; a store that offers neither is told in a sentence what to change."""

from __future__ import annotations

from dataclasses import dataclass, field

import requests

from .errors import ConverterError
from .graph import union_graph_iri

PROBE = "ASK { ?s ?p ?o }"
PROBE_NAMED = "ASK { GRAPH ?g { ?s ?p ?o } }"
# one of the letters' graphs (every letter's graph holds its set of written questions)
FIND_GRAPH = "SELECT ?g WHERE { GRAPH ?g { ?set a <https://w3id.org/kamervragen/def#WrittenQuestions> } } LIMIT 1"
# (what the store calls it, the SPARQL protocol parameters that ask for it)
UNION_OPTIONS = (
    ("Oxigraph's union-default-graph", {"union-default-graph": ""}),
    ("Jena's urn:x-arq:UnionGraph", {"default-graph-uri": "urn:x-arq:UnionGraph"}),
)


class EndpointError(ConverterError):
    """The endpoint cannot be asked, or keeps the letters where our queries cannot see them."""


@dataclass(frozen=True)
class EndpointDataset:
    """Protocol parameters to send with every query, and what they are (None: the default graph as it is)."""

    params: dict[str, str] = field(default_factory=dict)
    union: str | None = None


def endpoint_dataset(endpoint: str, http: requests.Session, timeout: tuple[float, float]) -> EndpointDataset:
    """The dataset to query: the pushed union graph, else the default graph where it holds triples, else the
    store's own union of its named graphs."""
    union = _pushed_union(endpoint, http, timeout)
    if union:
        return EndpointDataset({"default-graph-uri": union}, f"the union graph <{union}>")
    if _ask(endpoint, PROBE, {}, http, timeout) or not _ask(endpoint, PROBE_NAMED, {}, http, timeout):
        return EndpointDataset()  # an empty store answers an empty result, rightly
    for name, params in UNION_OPTIONS:
        try:
            if _ask(endpoint, PROBE, params, http, timeout):
                return EndpointDataset(params, name)
        except EndpointError:  # a store that refuses a parameter it does not know
            continue
    raise EndpointError(
        f"{endpoint}: the default graph is empty and the data is in named graphs, so every query would find "
        "nothing; push the dataset again with `kamervragen push` (it sends the union graph <…/graaf/unie> "
        "the queries read), make the default graph the union of the named graphs (Oxigraph: `oxigraph serve "
        "--union-default-graph`; Jena Fuseki/TDB2: `tdb2:unionDefaultGraph true` in the dataset's "
        "configuration), or query with `kamervragen serve`"
    )


def _pushed_union(endpoint: str, http: requests.Session, timeout: tuple[float, float]) -> str | None:
    """The IRI of the union graph `push` sent, where the store holds one beside the letters' graphs."""
    answer = _post(endpoint, FIND_GRAPH, {}, http, timeout)
    try:
        rows = answer.json()["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        raise EndpointError(f"{endpoint}: the answer to a SELECT query is not SPARQL JSON results") from None
    union = union_graph_iri(rows[0]["g"]["value"]) if rows else None
    if union and _ask(endpoint, f"ASK {{ GRAPH <{union}> {{ ?s ?p ?o }} }}", {}, http, timeout):
        return union
    return None


def _ask(endpoint: str, query: str, params: dict[str, str], http: requests.Session,
         timeout: tuple[float, float]) -> bool:
    answer = _post(endpoint, query, params, http, timeout)
    try:
        return ask_answer(answer.json())
    except (ValueError, KeyError, TypeError, IndexError):
        raise EndpointError(f"{endpoint}: the answer to an ASK query is not SPARQL JSON results") from None


def _post(endpoint: str, query: str, params: dict[str, str], http: requests.Session,
          timeout: tuple[float, float]) -> requests.Response:
    accept = {"Accept": "application/sparql-results+json"}
    try:
        answer = http.post(endpoint, data={"query": query, **params}, headers=accept, timeout=timeout)
    except requests.RequestException as exc:
        raise EndpointError(f"{endpoint}: no answer ({type(exc).__name__}); is the SPARQL server running?") from exc
    if answer.status_code != 200:
        raise EndpointError(
            f"{endpoint}: the server refused the query (HTTP {answer.status_code}: {answer.text.strip()[:300]})"
        )
    return answer


def ask_answer(data: dict) -> bool:
    """The truth of an ASK from SPARQL JSON results; Virtuoso 7.2 sends it as one row of one value, 1 or 0."""
    if "boolean" in data:
        return bool(data["boolean"])
    (row,) = data["results"]["bindings"]
    (value,) = row.values()
    return value["value"] in ("1", "true")
