"""A local cache keyed by URL: a second run downloads nothing it has; an interrupted run resumes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..iri import file_stem
from ..publish import write_atomic
from .http import Client


class Cache:
    """Files under root/<first 16 hex digits of sha256(url)>/<name>; a file is there only once complete."""

    def __init__(self, root: Path, client: Client, refresh: bool = False) -> None:
        self.root = root
        self.client = client
        self.refresh = refresh  # ask the API again (files already downloaded are kept)
        self.downloads = 0

    def path_for(self, url: str, name: str) -> Path:
        """Where the body at url is (or will be) kept, under a readable name ('a/b.xml' keeps its folder)."""
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
        parts = [file_stem(part) for part in name.split("/")]
        return self.root.joinpath(key, *parts)

    def file(self, url: str, name: str, beside: str | None = None) -> Path:
        """The cached file for url, downloaded first if it is not there yet; beside=another URL keeps it in
        that URL's folder (an Aanhangsel's metadata.xml beside its XML)."""
        path = self.path_for(beside or url, name)
        if not path.is_file():
            self.client.download(url, path)
            self.downloads += 1
        return path

    def json(self, url: str) -> dict:
        """A JSON answer from the API, cached like a file unless refresh was asked for."""
        path = self.path_for(url, "answer.json")
        if path.is_file() and not self.refresh:
            return json.loads(path.read_text(encoding="utf-8"))
        data = self.client.get_json(url)
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        self.downloads += 1
        return data
