"""Calling a challenge off: the creator alone before acceptance, both sides (or a moderator
who is not a side) after it, and never once an outcome is reported."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.challenges.models import ChallengeStatus, PersonalChallenge
from app.economy.models import EscrowHold, EscrowStatus
from app.events.models import OutboxEvent
from app.users.models import User
from tests.challenges.helpers import Duel, balances, create_duel, mutation, snapshot
from tests.economy.support import check_ledger
from tests.factories import create_user, fund
from tests.fixtures.app import GQL

ACCEPT = mutation("acceptChallenge")
REPORT = mutation("reportChallengeOutcome")
CANCEL = mutation(
    "cancelChallenge",
    "... on WrongChallengeStatus { status } "
    "... on PersonalChallengePayload { challenge { cancelRequestedBy { id } } }",
)


async def _accepted(session: AsyncSession, gql: GQL, creator: User | None = None) -> Duel:
    duel = await create_duel(session, wager=100)
    if creator is not None:
        duel.challenge.creator_id, duel.creator = creator.id, creator
        await session.flush()
    accepted = await gql(ACCEPT, duel.vars(), as_user=duel.opponent)
    assert accepted.data is not None
    assert accepted.data["acceptChallenge"]["challenge"]["status"] == "ACCEPTED"
    return duel


async def _cancel(gql: GQL, duel: Duel, user: User) -> dict[str, Any]:
    """The cancelChallenge result, or ``{"errors": codes}`` for a top-level error."""
    response = await gql(CANCEL, duel.vars(), as_user=user)
    if response.errors:
        return {"errors": response.error_codes}
    assert response.data is not None
    result: dict[str, Any] = response.data["cancelChallenge"]
    return result


async def _events(session: AsyncSession, event_type: str) -> int:
    return len((await session.scalars(select(OutboxEvent).filter_by(type=event_type))).all())


async def _cancel_events(session: AsyncSession) -> int:
    return await _events(session, "personal_challenge.cancel_requested") + await _events(
        session, "personal_challenge.cancelled"
    )


async def _holds(session: AsyncSession) -> list[EscrowStatus]:
    return sorted(h.status for h in await session.scalars(select(EscrowHold)))


async def test_the_creator_takes_back_an_unaccepted_challenge_alone(
    session: AsyncSession, gql: GQL
) -> None:
    duel = await create_duel(session, wager=100)

    response = await _cancel(gql, duel, duel.creator)

    assert response["challenge"]["status"] == "CANCELLED"
    assert await balances(session, duel) == (500, 500)
    assert await _holds(session) == []
    assert await _events(session, "personal_challenge.cancelled") == 1


async def test_one_side_alone_cannot_take_back_an_accepted_challenge(
    session: AsyncSession, gql: GQL
) -> None:
    duel = await _accepted(session, gql)

    asked = await _cancel(gql, duel, duel.creator)
    before = await snapshot(session)
    again = await _cancel(gql, duel, duel.creator)

    challenge = asked["challenge"]
    assert challenge["status"] == "ACCEPTED"
    assert challenge["cancelRequestedBy"] == {"id": str(duel.creator.id)}
    assert await balances(session, duel) == (400, 400)
    assert await _holds(session) == [EscrowStatus.HELD] * 2
    assert await _events(session, "personal_challenge.cancel_requested") == 1
    assert await _events(session, "personal_challenge.cancelled") == 0
    assert again["__typename"] == "CancellationAlreadyRequested"
    assert again["code"] == "CANCELLATION_ALREADY_REQUESTED"
    assert await snapshot(session) == before


@pytest.mark.parametrize("first", ["creator", "opponent"])
async def test_the_other_side_agreeing_cancels_and_refunds_both(
    session: AsyncSession, gql: GQL, first: str
) -> None:
    duel = await _accepted(session, gql)
    asking = duel.creator if first == "creator" else duel.opponent
    agreeing = duel.opponent if first == "creator" else duel.creator

    asked = await _cancel(gql, duel, asking)
    agreed = await _cancel(gql, duel, agreeing)

    assert asked["challenge"]["status"] == "ACCEPTED"
    assert agreed["challenge"]["status"] == "CANCELLED"
    assert await balances(session, duel) == (500, 500)
    assert await _holds(session) == [EscrowStatus.REFUNDED] * 2
    assert await _events(session, "personal_challenge.cancelled") == 1
    await check_ledger(session)


async def test_a_moderator_who_is_not_a_side_cancels_at_once(
    session: AsyncSession, gql: GQL
) -> None:
    duel = await _accepted(session, gql)
    moderator = await create_user(session, roles=[Role.MODERATOR])

    response = await _cancel(gql, duel, moderator)

    assert response["challenge"]["status"] == "CANCELLED"
    assert await balances(session, duel) == (500, 500)
    assert await _holds(session) == [EscrowStatus.REFUNDED] * 2
    await check_ledger(session)


async def test_a_moderator_who_is_a_side_needs_the_other_sides_consent(
    session: AsyncSession, gql: GQL
) -> None:
    moderator = await create_user(session, roles=[Role.MODERATOR])
    await fund(session, user=moderator, amount=500)
    duel = await _accepted(session, gql, creator=moderator)

    response = await _cancel(gql, duel, moderator)

    challenge = response["challenge"]
    assert challenge["status"] == "ACCEPTED"
    assert challenge["cancelRequestedBy"] == {"id": str(moderator.id)}
    assert await balances(session, duel) == (400, 400)
    assert await _holds(session) == [EscrowStatus.HELD] * 2


async def test_only_the_sides_and_staff_may_cancel(session: AsyncSession, gql: GQL) -> None:
    duel = await create_duel(session)
    stranger = await create_user(session)
    before = await snapshot(session)

    by_opponent = await _cancel(gql, duel, duel.opponent)
    by_stranger = await _cancel(gql, duel, stranger)

    assert by_opponent == {"errors": ["FORBIDDEN"]}
    assert by_stranger["__typename"] == "NotFound"
    assert await snapshot(session) == before
    assert await _cancel_events(session) == 0


async def test_a_report_ends_the_time_for_calling_it_off(session: AsyncSession, gql: GQL) -> None:
    duel = await _accepted(session, gql)
    await _cancel(gql, duel, duel.opponent)
    await gql(REPORT, duel.vars(result="WIN"), as_user=duel.creator)
    before = await snapshot(session)

    by_creator = await _cancel(gql, duel, duel.creator)
    by_opponent = await _cancel(gql, duel, duel.opponent)

    for response in (by_creator, by_opponent):
        assert response["status"] == "AWAITING_CONFIRMATION"
    assert await snapshot(session) == before
    saved = await session.get_one(PersonalChallenge, duel.challenge.id, populate_existing=True)
    assert saved.cancel_requested_by_id is None
    assert await _events(session, "personal_challenge.cancelled") == 0
    assert await _holds(session) == [EscrowStatus.HELD] * 2


@pytest.mark.parametrize(
    "status",
    [ChallengeStatus.DECLINED, ChallengeStatus.CANCELLED, ChallengeStatus.SETTLED],
)
async def test_a_closed_challenge_cannot_be_cancelled(
    session: AsyncSession, gql: GQL, status: ChallengeStatus
) -> None:
    duel = await create_duel(session, status=status, wager=0)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    before = await snapshot(session)

    responses = [
        await _cancel(gql, duel, user) for user in (duel.creator, duel.opponent, moderator)
    ]

    assert [r["status"] for r in responses] == [status.value] * 3
    assert await snapshot(session) == before
    assert await _cancel_events(session) == 0
