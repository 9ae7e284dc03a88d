"""Fetch written questions and answers from the official sources into a local cache."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from ..iri import iri_segment
from .cache import Cache
from .http import FetchError, NotFound
from .records import ApiDocument, ApiZaak

SUFFIXES = {
    "application/pdf": ".pdf",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",  # Word 97-2003: read with antiword where installed, else refused (read/doc.py)
}


@dataclass(frozen=True)
class Sources:
    """Where the two services are: the official roots, or a mirror, an archive or a test server."""

    tk_api: str
    ob_url: str


@dataclass(frozen=True)
class FetchedDocument:
    """One document of a case: the cached file it was saved to, or why it could not be had."""

    document: ApiDocument
    url: str
    path: Path | None = None
    error: str | None = None


def document_urls(sources: Sources, doc: ApiDocument) -> list[tuple[str, str]]:
    """(url, file name) to try in order: the official Aanhangsel XML first, then the file the API holds, saved
    under the extension of its media type (a type we cannot read is not downloaded: see fetch_document)."""
    urls = []
    if doc.aanhangsel:
        urls.append((f"{sources.ob_url}{doc.aanhangsel}.xml", f"{doc.aanhangsel}.xml"))
    suffix = SUFFIXES.get(media_type(doc))
    if suffix:
        urls.append((f"{sources.tk_api}Document({iri_segment(doc.id)})/resource", f"{doc.number or doc.id}{suffix}"))
    return urls


def media_type(doc: ApiDocument) -> str:
    """The document's media type as the API gives it, without parameters, lower case."""
    return (doc.content_type or "").split(";")[0].strip().lower()


def fetch_document(cache: Cache, sources: Sources, doc: ApiDocument) -> FetchedDocument:
    """Download one document (and an Aanhangsel's metadata.xml beside it) into the cache."""
    tried, last = [], ""
    for url, name in document_urls(sources, doc):
        last = url
        try:
            path = cache.file(url, name)
        except NotFound as exc:
            tried.append(str(exc))
            continue
        if name.endswith(".xml") and doc.aanhangsel:
            _metadata(cache, sources, doc.aanhangsel, url)
        return FetchedDocument(document=doc, url=url, path=path)
    what = f"document {doc.number or doc.id} ({doc.kind})"
    if media_type(doc) in SUFFIXES:
        return FetchedDocument(document=doc, url=last, error=f"{what}: not found at any source: {'; '.join(tried)}")
    unread = (f"the API's file is of media type {media_type(doc) or 'none given'!r}, which kamervragen does not "
              f"read (it reads {', '.join(sorted(set(SUFFIXES.values())))}), so it was not downloaded")
    return FetchedDocument(document=doc, url=last, error=f"{what}: {'; '.join([*tried, unread])}")


def _metadata(cache: Cache, sources: Sources, ah_id: str, xml_url: str) -> None:
    with contextlib.suppress(NotFound):  # the XML alone is enough; metadata adds the zaak number, dates
        cache.file(f"{sources.ob_url}{ah_id}/metadata.xml", f"{ah_id}/metadata.xml", beside=xml_url)


def fetch_zaak(cache: Cache, sources: Sources, zaak: ApiZaak) -> list[FetchedDocument]:
    """Every document of a case; a missing document is reported and never stops the others."""
    return [fetch_document(cache, sources, doc) for doc in zaak.documents]


__all__ = ["Cache", "FetchError", "FetchedDocument", "NotFound", "Sources", "fetch_document", "fetch_zaak"]
