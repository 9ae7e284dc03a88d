"""SPARQL query text: the named queries in queries/, the read-only check, and parameters bound as literals.

A named query starts with comment lines saying what it answers. It may declare parameters, one per line:

    # param word xsd:string required  a word to look for
    # param from xsd:date   optional  earliest date

`--param word=stikstof` then binds ?word for the whole query: a `VALUES (?word) { ("stikstof") }` block is
put at the start of the query's outermost WHERE group, with the value written as an escaped literal of the
declared type (never pasted into the query as text), so a value cannot change what the query does."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import XSD, Literal

from .errors import ConverterError
from .resources import queries_dir

READ_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
PREFIXES = {
    "kv": "https://w3id.org/kamervragen/def#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_]\w*)\s+xsd:(string|date|integer)\s+(required|optional)\s*(.*)$")
# the prologue and the first keyword after it: skips comments, PREFIX and BASE declarations
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?i:PREFIX)\s+[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")
# tokens that may hold braces or '#' without meaning them: comments, IRIs, strings
_SKIP = re.compile(
    r"#[^\n]*|<[^<>\"{}|^`\\\s]*>|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"", re.S
)


class QueryError(ConverterError):
    """A query that cannot be run: unknown name, syntax error, an update, a bad parameter."""


@dataclass(frozen=True)
class Param:
    """A parameter a named query declares."""

    name: str
    datatype: str  # string, date or integer (xsd)
    required: bool
    help: str


@dataclass(frozen=True)
class NamedQuery:
    """A query from queries/: its name (the file stem), text, what it answers and its parameters."""

    name: str
    path: Path
    text: str
    description: str
    params: tuple[Param, ...] = ()


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries in queries/ (or folder), by name, sorted."""
    found = {}
    for path in sorted((folder or queries_dir()).glob("*.rq")):
        found[path.stem] = parse_named_query(path)
    return found


def parse_named_query(path: Path) -> NamedQuery:
    """Read a .rq file: the leading comment lines are its description and parameter declarations."""
    text = path.read_text(encoding="utf-8")
    described: list[str] = []
    params: list[Param] = []
    ended = False  # the description ends at the first empty comment line
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM.match(line)
        if match:
            name, datatype, need, help_text = match.groups()
            params.append(Param(name, datatype, need == "required", help_text.strip()))
        elif not line.lstrip("#").strip():
            ended = True
        elif not ended:
            described.append(line.lstrip("#").strip())
    return NamedQuery(path.stem, path, text, " ".join(described), tuple(params))


def resolve_query(spec: str) -> tuple[str, NamedQuery | None]:
    """QUERY|NAME -> (query text, the named query or None): a name in queries/, a .rq file, or SPARQL text."""
    named = named_queries()
    if spec in named:
        return named[spec].text, named[spec]
    if spec.endswith(".rq") and "\n" not in spec:
        path = Path(spec)
        if not path.is_file():
            raise QueryError(
                f"{spec}: no such query file (expected SPARQL text, a .rq file or a name from "
                f"`kamervragen query --list`)"
            )
        return path.read_text(encoding="utf-8"), None
    if re.fullmatch(r"[\w-]+", spec.strip()):
        raise QueryError(
            f"{spec!r}: no named query of that name; `kamervragen query --list` shows them "
            f"({', '.join(named) or 'none'})"
        )
    return spec, None


def query_form(text: str) -> str:
    """The form of a query (SELECT, CONSTRUCT, ASK, DESCRIBE); an update is refused with QueryError."""
    rest = text[_PROLOGUE.match(text).end() :]  # type: ignore[union-attr]
    word = re.match(r"[A-Za-z]*", rest).group(0).upper()  # type: ignore[union-attr]
    if word in UPDATE_FORMS:
        raise QueryError(
            f"this is a SPARQL update ({word} ...), and `kamervragen query` only reads: "
            "the published dataset is changed only by publishing it again"
        )
    if word not in READ_FORMS:
        where = f"'{rest[:20]}'" if rest.strip() else "the end of the text"
        raise QueryError(
            f"not a SPARQL query: expected SELECT, CONSTRUCT, ASK or DESCRIBE after the prefixes, "
            f"found {where}"
        )
    return word


def names_graphs(text: str) -> bool:
    """Whether the query itself says which graphs it reads (GRAPH, FROM), outside strings, IRIs and comments."""
    return re.search(r"(?i)(?<![?$\w:])(?:GRAPH|FROM)(?![\w:])", _SKIP.sub(" ", text)) is not None


def with_prefixes(text: str) -> str:
    """The query with PREFIX lines for our usual prefixes that it uses without declaring them."""
    declared = {m.group(1) for m in re.finditer(r"(?i:PREFIX)\s+([^\s:]*):", text)}
    missing = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w#/-]){p}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + text


def bind_params(text: str, values: dict[str, str], named: NamedQuery | None = None) -> str:
    """The query with each ?NAME bound to its value (a literal) by a VALUES block in its WHERE group."""
    declared = {p.name: p for p in named.params} if named else {}
    missing = [p.name for p in declared.values() if p.required and p.name not in values]
    if missing:
        raise QueryError(
            f"query {named.name!r} needs --param {missing[0]}=VALUE "  # type: ignore[union-attr]
            f"({declared[missing[0]].help})"
        )
    if not values:
        return text
    terms = []
    for name, value in values.items():
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(
                f"--param {name}={value}: a parameter name is a SPARQL variable name (letters, digits, _)"
            )
        if declared and name not in declared:
            raise QueryError(
                f"--param {name}: query {named.name!r} takes "  # type: ignore[union-attr]
                + (", ".join(declared) or "no parameters")
            )
        kind = declared[name].datatype if name in declared else _guess_type(value)
        terms.append(_literal(name, value, kind))
    block = f" VALUES ({' '.join('?' + n for n in values)}) {{ ({' '.join(terms)}) }} "
    at = _where_group(text)
    return text[:at] + block + text[at:]


def _guess_type(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "date"
    return "integer" if re.fullmatch(r"[+-]?\d+", value) else "string"


def _literal(name: str, value: str, kind: str) -> str:
    try:
        if kind == "date":
            return Literal(dt.date.fromisoformat(value), datatype=XSD.date).n3()
        if kind == "integer":
            return Literal(int(value), datatype=XSD.integer).n3()
    except ValueError:
        expected = "a date YYYY-MM-DD" if kind == "date" else "a whole number"
        raise QueryError(f"--param {name}={value!r}: expected {expected}") from None
    return Literal(value).n3()


def _where_group(text: str) -> int:
    """The position just after the '{' that opens the query's outermost WHERE group."""
    form = query_form(text)
    pos = _PROLOGUE.match(text).end()  # type: ignore[union-attr]
    saw_where = False
    while pos < len(text):
        skip = _SKIP.match(text, pos)
        if skip:
            pos = skip.end()
            continue
        if re.match(r"(?i)WHERE\b", text[pos : pos + 6]) and not text[pos - 1 : pos].isalnum():
            saw_where = True
        elif text[pos] == "{" and (saw_where or form != "CONSTRUCT"):
            return pos + 1
        pos += 1
    raise QueryError("--param: found no WHERE { ... } group in the query to bind the parameters in")
