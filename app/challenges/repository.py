from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges.models import ChallengeStatus, PersonalChallenge
from app.pagination import Page, PageRequest, SortKey, build_page, keyset

NEWEST_FIRST = (
    SortKey(PersonalChallenge.created_at, datetime, descending=True),
    SortKey(PersonalChallenge.id, uuid.UUID, descending=True),
)


class ChallengeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, challenge: PersonalChallenge) -> PersonalChallenge:
        self.session.add(challenge)
        await self.session.flush()
        return challenge

    async def get(self, challenge_id: uuid.UUID) -> PersonalChallenge | None:
        return await self.session.get(PersonalChallenge, challenge_id)

    async def get_for_update(self, challenge_id: uuid.UUID) -> PersonalChallenge | None:
        return await self.session.get(
            PersonalChallenge, challenge_id, with_for_update=True, populate_existing=True
        )

    async def overdue_for_update(self, now: datetime, limit: int) -> list[PersonalChallenge]:
        """Reports left unanswered past their deadline, locked; rows another runner holds are
        skipped, so two runners never settle the same challenge."""
        stmt = (
            select(PersonalChallenge)
            .where(
                PersonalChallenge.status == ChallengeStatus.AWAITING_CONFIRMATION,
                PersonalChallenge.confirm_by <= now,
            )
            .order_by(PersonalChallenge.confirm_by)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return list((await self.session.scalars(stmt)).all())

    async def page_of(
        self,
        user_id: uuid.UUID,
        statuses: Sequence[ChallengeStatus] | None,
        request: PageRequest,
    ) -> Page[PersonalChallenge]:
        stmt = select(PersonalChallenge).where(
            or_(PersonalChallenge.creator_id == user_id, PersonalChallenge.opponent_id == user_id)
        )
        if statuses:
            stmt = stmt.where(PersonalChallenge.status.in_(statuses))
        rows = (await self.session.scalars(keyset(stmt, NEWEST_FIRST, request))).all()
        return build_page(rows, request, lambda c: (c.created_at, c.id))

    async def disputed_page(self, request: PageRequest) -> Page[PersonalChallenge]:
        """Oldest first: the moderators' queue."""
        keys = (
            SortKey(PersonalChallenge.updated_at, datetime),
            SortKey(PersonalChallenge.id, uuid.UUID),
        )
        stmt = select(PersonalChallenge).where(PersonalChallenge.status == ChallengeStatus.DISPUTED)
        rows = (await self.session.scalars(keyset(stmt, keys, request))).all()
        return build_page(rows, request, lambda c: (c.updated_at, c.id))
