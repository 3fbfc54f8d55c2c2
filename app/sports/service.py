"""Sports: the catalogue of disciplines every other domain refers to by id."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.sports.models import Sport, SportCategory
from app.sports.repository import SportRepository


async def get_sport(session: AsyncSession, sport_id: uuid.UUID) -> Sport | None:
    return await SportRepository(session).get(sport_id)


async def get_sports(session: AsyncSession, sport_ids: Sequence[uuid.UUID]) -> list[Sport]:
    """The sports among ``sport_ids`` that exist (unknown ids are left out)."""
    return await SportRepository(session).get_many(sport_ids)


async def get_sport_by_code(session: AsyncSession, code: str) -> Sport | None:
    return await SportRepository(session).get_by_code(code.strip().lower())


async def list_sports(session: AsyncSession, *, category: SportCategory | None) -> list[Sport]:
    """Top-level disciplines by name; sub-disciplines hang under them."""
    return await SportRepository(session).top_level(category)


async def discipline_ids(session: AsyncSession, sport_id: uuid.UUID) -> list[uuid.UUID]:
    """The sport and its sub-disciplines: filtering by football also finds street football."""
    return await SportRepository(session).with_subdisciplines(sport_id)
