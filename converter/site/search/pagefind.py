"""Pagefind's indexer, driven through its service protocol: documents in, the search bundle's files out.

Pagefind's own Python package (`pagefind.index.PagefindIndex`) speaks the same protocol, but its reader sleeps
0.1 s before each response it reads, so 2,000 records took 203 s; here each request is written and its answer
read at once (the same 2,000 records: 1.4 s). One request at a time, in order, so the index is built from the
documents in the order given and its files are the same bytes on every run (not so with Pagefind's filters,
whose index it writes in hash-map order: they are not used). The binary comes from the
`pagefind_bin` wheel (or PAGEFIND_BINARY_PATH); nothing is fetched from the network."""

from __future__ import annotations

import base64
import json
import subprocess
from collections.abc import Iterable
from typing import Any, TypedDict

from ...errors import ConverterError

TIMEOUT_S = 600


class Document(TypedDict):
    """One page a search finds: its address on the site (from the root, '/…') and the HTML Pagefind reads (a
    heading with an id starts a part a result links to: '<url>#<id>')."""

    url: str
    html: str


class SearchIndexError(ConverterError):
    """Pagefind could not be started or refused a record."""


def _executable() -> str:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError("Pagefind's indexer is not installed: pip install 'pagefind[bin]' (the project's "
                               "dependencies include it), or set PAGEFIND_BINARY_PATH to a pagefind binary")
    return str(found)


class _Service:
    """One `pagefind --service` process: a request is base64 JSON and a comma on stdin, its answer the same on
    stdout."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([_executable(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.sent = 0

    def ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}, ensure_ascii=False)
        self.process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        self.process.stdin.flush()
        answer = bytearray()
        while not answer.endswith(b","):
            chunk = self.process.stdout.read1(65536)  # type: ignore[attr-defined]
            if not chunk:
                raise SearchIndexError(f"Pagefind's indexer stopped while answering request {self.sent} "
                                       f"({payload.get('type')})")
            answer += chunk
        reply = json.loads(base64.b64decode(bytes(answer[:-1])))
        body: dict[str, Any] = reply.get("payload") or {}
        if body.get("type") == "Error":
            raise SearchIndexError(f"Pagefind refused request {self.sent} ({payload.get('type')}, "
                                   f"{payload.get('url', '')}): {body.get('message')}")
        return body

    def close(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def build_bundle(documents: Iterable[Document], language: str = "nl") -> dict[str, bytes]:
    """Pagefind's search bundle for the documents (index, fragments, its JS, CSS and WebAssembly), by path inside
    the bundle's folder."""
    service = _Service()
    try:
        index = service.ask({"type": "NewIndex", "config": {"force_language": language}})["index_id"]
        for document in documents:
            service.ask({"type": "AddFile", "index_id": index, "url": document["url"],
                         "file_contents": document["html"], "file_path": None})
        # GetFiles, not WriteFiles: the indexer answers WriteFiles before every file is on disk (a rerun read
        # some files short or empty); GetFiles answers with the files themselves
        files = service.ask({"type": "GetFiles", "index_id": index})["files"]
        return {file["path"]: base64.b64decode(file["content"]) for file in sorted(files, key=lambda f: f["path"])}
    finally:
        service.close()
