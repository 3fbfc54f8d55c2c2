from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from pgvector.sqlalchemy import Vector
from sqlalchemy import (
    ARRAY,
    Boolean,
    Computed,
    Enum,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk, utcnow

DIMENSIONS = 384
"""One width for every embedder: MiniLM's native size, and what Gemini is asked for."""


class Visibility(StrEnum):
    PUBLIC = "PUBLIC"
    """Any signed-in user."""
    STAFF = "STAFF"
    """Moderators and administrators only."""


def _enum(enum: type[StrEnum], name: str) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=16)


class SearchDocument(Base):
    """One chunk of one searchable thing, kept current by the indexer.

    Only what its audience may see is ever stored: the indexer removes a document when its
    source is deleted, rejected or made private, and every query filters on ``visibility``.
    ``embedding`` is ``NULL`` until an embedder has run; ``embedder`` names the model that
    wrote it, so vectors of different models are never compared.
    """

    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("source_type", "source_id", "chunk_no"),
        Index("ix_search_documents_search_vector", "search_vector", postgresql_using="gin"),
        Index(
            "ix_search_documents_search_title_trgm",
            "search_title",
            postgresql_using="gin",
            postgresql_ops={"search_title": "gin_trgm_ops"},
        ),
        Index(
            "ix_search_documents_embedding_hnsw",
            "embedding",
            postgresql_using="hnsw",
            postgresql_ops={"embedding": "vector_cosine_ops"},
        ),
        Index("ix_search_documents_sport_ids", "sport_ids", postgresql_using="gin"),
    )

    id: Mapped[UUIDPk]
    source_type: Mapped[str] = mapped_column(String(32))
    """The registered source (``app/search/sources``): ``USER``, ``TEAM``, ``FAQ``..."""
    source_id: Mapped[uuid.UUID]
    chunk_no: Mapped[int] = mapped_column(SmallInteger, default=0)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="ru", server_default="ru")
    sport_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(Uuid), default=list, server_default="{}"
    )
    city: Mapped[str | None] = mapped_column(String(100))
    visibility: Mapped[Visibility] = mapped_column(_enum(Visibility, "search_visibility"))
    meta: Mapped[dict[str, Any]] = mapped_column(
        "metadata", JSONB, default=dict, server_default="{}"
    )
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR,
        Computed(
            "setweight(to_tsvector('russian'::regconfig, title), 'A') || "
            "setweight(to_tsvector('russian'::regconfig, body), 'B')",
            persisted=True,
        ),
    )
    search_title: Mapped[str] = mapped_column(Text, Computed("lower(title)", persisted=True))
    """The typo leg matches titles (names, questions): trigrams over whole bodies cost too much
    at scale (see bench/search.py)."""
    embedding: Mapped[list[float] | None] = mapped_column(Vector(DIMENSIONS))
    embedder: Mapped[str | None] = mapped_column(String(100))
    content_hash: Mapped[str] = mapped_column(String(64))
    indexed_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))


class FaqItem(Base):
    """A support question with its answer; the FAQ bot answers from these."""

    __tablename__ = "faq_items"

    id: Mapped[UUIDPk]
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    category: Mapped[str] = mapped_column(String(60))
    question: Mapped[str] = mapped_column(String(300))
    answer: Mapped[str] = mapped_column(Text)
    published: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))


class RulesDocument(Base):
    """A rules summary of one street format; the rules expert answers from these."""

    __tablename__ = "rules_documents"

    id: Mapped[UUIDPk]
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    sport_code: Mapped[str] = mapped_column(String(50))
    """The catalogue's sport code (``football``): rules outlive a sport row's id."""
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    published: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))
