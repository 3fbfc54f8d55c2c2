from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.models import ConditionReport, CourtStanding, Playground, PlaygroundReview
from app.playgrounds.records import ConditionReportRepository, CourtRepository, ReviewRepository
from app.playgrounds.repository import PlaygroundRepository

AuthorKey = tuple[uuid.UUID, uuid.UUID]
"""``(playground_id, author_id)``."""


async def load_playgrounds_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[Playground | None]:
    found = {p.id: p for p in await PlaygroundRepository(session).get_many(keys)}
    return [found.get(key) for key in keys]


async def load_sport_ids_by_playground_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[uuid.UUID]]:
    sports: defaultdict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for playground_id, sport_id in await PlaygroundRepository(session).sport_ids_of(keys):
        sports[playground_id].append(sport_id)
    return [sports[key] for key in keys]


async def load_recent_reviews_by_playground_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[PlaygroundReview]]:
    reviews: defaultdict[uuid.UUID, list[PlaygroundReview]] = defaultdict(list)
    for review in await ReviewRepository(session).recent_of(keys):
        reviews[review.playground_id].append(review)
    return [reviews[key] for key in keys]


async def load_reviews_by_playground_author(
    session: AsyncSession, keys: Sequence[AuthorKey]
) -> list[PlaygroundReview | None]:
    found = {
        (r.playground_id, r.author_id): r for r in await ReviewRepository(session).by_authors(keys)
    }
    return [found.get(key) for key in keys]


async def load_conditions_by_playground_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[ConditionReport | None]:
    found = {r.playground_id: r for r in await ConditionReportRepository(session).current_of(keys)}
    return [found.get(key) for key in keys]


async def load_kings_by_playground_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[CourtStanding | None]:
    found = {s.playground_id: s for s in await CourtRepository(session).kings_of(keys)}
    return [found.get(key) for key in keys]
