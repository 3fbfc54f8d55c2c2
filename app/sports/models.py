from __future__ import annotations

import uuid
from enum import StrEnum

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UUIDPk


class SportCategory(StrEnum):
    TEAM = "TEAM"
    """Командный."""
    INDIVIDUAL = "INDIVIDUAL"
    """Некомандный."""
    ESPORTS = "ESPORTS"
    """Киберспорт."""


class Sport(Base):
    """A discipline of the catalogue; a sub-discipline (street football) names its parent.

    Team and esports disciplines carry roster limits and are the only ones teams can be made
    for; individual ones have none (the check keeps the two facts together).
    """

    __tablename__ = "sports"
    __table_args__ = (
        CheckConstraint(
            "(category = 'INDIVIDUAL') = (roster_max IS NULL) "
            "AND (roster_min IS NULL) = (roster_max IS NULL) "
            "AND (roster_min IS NULL OR roster_min BETWEEN 1 AND roster_max)",
            name="roster_limits",
        ),
    )

    id: Mapped[UUIDPk]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    """A stable readable key (``football``) for URLs, seeds and other services."""
    name: Mapped[str] = mapped_column(String(100), unique=True)
    category: Mapped[SportCategory] = mapped_column(
        Enum(SportCategory, name="sport_category", native_enum=False, length=16)
    )
    icon: Mapped[str] = mapped_column(String(40))
    """A lucide icon name the frontend renders."""
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("sports.id"), index=True)
    roster_min: Mapped[int | None] = mapped_column(Integer)
    roster_max: Mapped[int | None] = mapped_column(Integer)

    @property
    def teams_allowed(self) -> bool:
        return self.roster_max is not None
