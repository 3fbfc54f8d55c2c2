"""Arrangements and documents shared by the personal challenge tests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges.models import ChallengeStatus, PersonalChallenge
from app.economy.models import EscrowHold, LedgerTransfer
from app.users.models import User
from tests.economy.support import balance
from tests.factories import create_sport, create_user, fund

ERRORS = "... on UserError { code message }"


def mutation(name: str, extra: str = "... on WrongChallengeStatus { status }") -> str:
    input_type = f"{name[0].upper()}{name[1:]}Input"
    return f"""
    mutation($input: {input_type}!) {{
      {name}(input: $input) {{
        __typename
        ... on PersonalChallengePayload {{ challenge {{ id status verdict winner {{ id }} }} }}
        {extra}
        {ERRORS}
      }}
    }}
    """


@dataclass
class Duel:
    challenge: PersonalChallenge
    creator: User
    opponent: User

    def vars(self, **extra: object) -> dict[str, object]:
        return {"input": {"challengeId": str(self.challenge.id), **extra}}


async def create_duel(
    session: AsyncSession,
    *,
    wager: int = 100,
    status: ChallengeStatus = ChallengeStatus.PENDING,
    funds: int = 500,
) -> Duel:
    """Two funded players and a challenge between them (wagers are not held by this)."""
    creator, opponent = await create_user(session), await create_user(session)
    for user in (creator, opponent):
        if funds:
            await fund(session, user=user, amount=funds)
    sport = await create_sport(session)
    challenge = PersonalChallenge(
        creator_id=creator.id,
        opponent_id=opponent.id,
        sport_id=sport.id,
        title="Дуэль 1 на 1",
        wager=wager,
        status=status,
    )
    session.add(challenge)
    await session.flush()
    return Duel(challenge, creator, opponent)


async def balances(session: AsyncSession, duel: Duel) -> tuple[int, int]:
    return await balance(session, duel.creator), await balance(session, duel.opponent)


async def snapshot(session: AsyncSession) -> object:
    """Challenges, holds and transfers, for "nothing changed" assertions."""
    tables = (PersonalChallenge, EscrowHold, LedgerTransfer)
    rows = [(await session.execute(select(t.__table__))).all() for t in tables]
    return [sorted(map(tuple, r), key=str) for r in rows]
