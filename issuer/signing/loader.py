"""Offline JSON-LD document loader: the project's context files by exact URL, nothing else, never the network."""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

# URL -> file, read by this loader and by the independent JavaScript verifier alike
CONTEXT_FILES: dict[str, str] = json.loads((CONTEXTS_DIR / "index.json").read_text(encoding="utf-8"))


class ContextNotAvailable(Exception):
    """A document names a JSON-LD context that is not among the project's local files."""

    def __init__(self, url: str):
        self.url = url
        known = ", ".join(sorted(CONTEXT_FILES))
        super().__init__(
            f"Contexte JSON-LD inconnu, jamais téléchargé : {url} (contextes connus : {known}) / "
            f"Unknown JSON-LD context, never fetched: {url}"
        )


@lru_cache(maxsize=None)
def context_document(url: str) -> dict:
    """The parsed context file for a URL (cached: the files never change at run time)."""
    name = CONTEXT_FILES.get(url)
    if name is None:
        raise ContextNotAvailable(url)
    return json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8"))


def document_loader(url, options=None):
    """PyLD-compatible loader: a local context for an exact URL, ContextNotAvailable for anything else."""
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": copy.deepcopy(context_document(url)),
        # PyLD keeps "static" contexts in its shared cache: each file is processed once per process
        "tag": "static",
    }
