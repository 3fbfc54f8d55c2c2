"""Persisted operations: documents registered at build time and addressed by their sha256.

Manifests come in the two common shapes: a plain ``{"<sha256>": "<document>"}`` map (Relay,
GraphQL Codegen's ``persisted-documents.json``) or Apollo's
``{"format": "apollo-persisted-query-manifest", "operations": [{"id", "name", "body"}]}``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.operations.errors import ManifestError
from app.operations.repository import PersistedOperationRepository


@dataclass(frozen=True, slots=True)
class PersistedDocument:
    id: str
    document: str
    name: str | None = None


def document_id(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def read_manifest(path: Path) -> list[PersistedDocument]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ManifestError(f"{path}: {exc}") from exc
    return parse_manifest(data)


def parse_manifest(data: Any) -> list[PersistedDocument]:
    if isinstance(data, dict) and isinstance(data.get("operations"), list):
        entries = [_apollo_entry(item) for item in data["operations"]]
    elif isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
        entries = [PersistedDocument(id=str(k), document=v) for k, v in data.items()]
    else:
        raise ManifestError("Ожидается {id: документ} или манифест Apollo")
    for entry in entries:
        if document_id(entry.document) != entry.id.lower():
            raise ManifestError(f"Идентификатор {entry.id} не равен sha256 документа")
    return [PersistedDocument(e.id.lower(), e.document, e.name) for e in entries]


def _apollo_entry(item: Any) -> PersistedDocument:
    if not isinstance(item, dict) or not isinstance(item.get("body"), str):
        raise ManifestError("Каждая операция манифеста Apollo должна иметь id и body")
    name = item.get("name")
    return PersistedDocument(
        id=str(item.get("id")), document=item["body"], name=name if isinstance(name, str) else None
    )


async def find(session: AsyncSession, operation_id: str) -> str | None:
    return await PersistedOperationRepository(session).document(operation_id.lower())


async def register(session: AsyncSession, documents: list[PersistedDocument]) -> int:
    """Store the documents not stored yet (ids are content hashes, so nothing is replaced)."""
    rows: list[dict[str, str | None]] = [
        {"id": d.id, "document": d.document, "name": d.name} for d in documents
    ]
    return await PersistedOperationRepository(session).insert_missing(rows)
