from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt


class PersistedOperation(Base):
    """A GraphQL document registered at build time, addressed by the sha256 of its text."""

    __tablename__ = "persisted_operations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[CreatedAt]
