"""Search: documents (full text, trigrams, pgvector HNSW), the FAQ and the rules library.

The tables are new and empty, so the indexes are built in the migration's transaction
(no ``CONCURRENTLY`` needed).

Revision ID: 0012_search
Revises: 0012_ai_chat
Create Date: 2026-11-27 03:04:08.645458+00:00
"""

from collections.abc import Sequence

import pgvector.sqlalchemy
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012_search"
down_revision: str | None = "0012_ai_chat"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "faq_items",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("question", sa.String(length=300), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("published", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_items")),
        sa.UniqueConstraint("slug", name=op.f("uq_faq_items_slug")),
    )
    op.create_table(
        "rules_documents",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("sport_code", sa.String(length=50), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rules_documents")),
        sa.UniqueConstraint("slug", name=op.f("uq_rules_documents_slug")),
    )
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("source_type", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("chunk_no", sa.SmallInteger(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), server_default="ru", nullable=False),
        sa.Column("sport_ids", sa.ARRAY(sa.Uuid()), server_default="{}", nullable=False),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column(
            "visibility",
            sa.Enum("PUBLIC", "STAFF", name="search_visibility", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column(
            "metadata", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.Column(
            "search_vector",
            postgresql.TSVECTOR(),
            sa.Computed(
                "setweight(to_tsvector('russian'::regconfig, title), 'A') || "
                "setweight(to_tsvector('russian'::regconfig, body), 'B')",
                persisted=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "search_title", sa.Text(), sa.Computed("lower(title)", persisted=True), nullable=False
        ),
        sa.Column("embedding", pgvector.sqlalchemy.Vector(384), nullable=True),
        sa.Column("embedder", sa.String(length=100), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "indexed_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint(
            "source_type",
            "source_id",
            "chunk_no",
            name=op.f("uq_search_documents_source_type_source_id_chunk_no"),
        ),
    )
    op.create_index(
        "ix_search_documents_embedding_hnsw",
        "search_documents",
        ["embedding"],
        unique=False,
        postgresql_using="hnsw",
        postgresql_ops={"embedding": "vector_cosine_ops"},
    )
    op.create_index(
        "ix_search_documents_search_title_trgm",
        "search_documents",
        ["search_title"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_title": "gin_trgm_ops"},
    )
    op.create_index(
        "ix_search_documents_search_vector",
        "search_documents",
        ["search_vector"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        "ix_search_documents_sport_ids",
        "search_documents",
        ["sport_ids"],
        unique=False,
        postgresql_using="gin",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_search_documents_sport_ids", table_name="search_documents", postgresql_using="gin"
    )
    op.drop_index(
        "ix_search_documents_search_vector", table_name="search_documents", postgresql_using="gin"
    )
    op.drop_index(
        "ix_search_documents_search_title_trgm",
        table_name="search_documents",
        postgresql_using="gin",
        postgresql_ops={"search_title": "gin_trgm_ops"},
    )
    op.drop_index(
        "ix_search_documents_embedding_hnsw",
        table_name="search_documents",
        postgresql_using="hnsw",
        postgresql_ops={"embedding": "vector_cosine_ops"},
    )
    op.drop_table("search_documents")
    op.drop_table("rules_documents")
    op.drop_table("faq_items")
