"""Creating and answering challenges, and the wagers in escrow (cancelling: test_cancellation)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges.models import PersonalChallenge
from app.economy.models import EscrowHold, EscrowStatus
from app.events.models import OutboxEvent
from tests.challenges.helpers import balances, create_duel, mutation, snapshot
from tests.economy.support import check_ledger
from tests.factories import create_sport, create_user, fund
from tests.fixtures.app import GQL
from tests.fixtures.configured import Configure

CREATE = mutation("createChallenge", "... on ValidationFailed { fields { path code } }")
ACCEPT = mutation(
    "acceptChallenge",
    "... on InsufficientFunds { balance required } ... on WrongChallengeStatus { status }",
)
DECLINE = mutation("declineChallenge")


async def _events(session: AsyncSession) -> list[str]:
    return [e.type for e in await session.scalars(select(OutboxEvent).order_by(OutboxEvent.id))]


async def test_a_challenge_is_sent_without_holding_anything(
    session: AsyncSession, gql: GQL
) -> None:
    creator, opponent = await create_user(session), await create_user(session)
    sport = await create_sport(session)
    values = {
        "opponentId": str(opponent.id),
        "sportId": str(sport.id),
        "title": "Баскетбольный баттл",
        "wager": 50,
    }

    response = await gql(CREATE, {"input": values}, as_user=creator)

    challenge = response.data["createChallenge"]["challenge"]
    assert challenge["status"] == "PENDING"
    saved = await session.get_one(PersonalChallenge, challenge["id"])
    assert (saved.creator_id, saved.opponent_id, saved.wager) == (creator.id, opponent.id, 50)
    assert await session.scalar(select(EscrowHold)) is None
    assert "personal_challenge.created" in await _events(session)


async def test_invalid_challenges_are_refused_and_nothing_is_written(
    session: AsyncSession, gql: GQL
) -> None:
    creator = await create_user(session)
    before = await snapshot(session)
    values = {
        "opponentId": str(creator.id),
        "sportId": "00000000-0000-0000-0000-000000000000",
        "title": "Бой",
        "wager": 10_001,
    }

    response = await gql(CREATE, {"input": values}, as_user=creator)

    result = response.data["createChallenge"]
    assert result["__typename"] == "ValidationFailed"
    assert {(f["path"], f["code"]) for f in result["fields"]} == {
        ("opponentId", "NOT_ALLOWED"),
        ("sportId", "NOT_FOUND"),
        ("title", "TOO_SHORT"),
        ("wager", "OUT_OF_RANGE"),
    }
    assert await snapshot(session) == before


async def test_accepting_holds_both_wagers(session: AsyncSession, gql: GQL) -> None:
    duel = await create_duel(session, wager=100)

    response = await gql(ACCEPT, duel.vars(), as_user=duel.opponent)

    assert response.data["acceptChallenge"]["challenge"]["status"] == "ACCEPTED"
    assert await balances(session, duel) == (400, 400)
    holds = (await session.scalars(select(EscrowHold))).all()
    assert sorted((h.amount, h.status) for h in holds) == [(100, EscrowStatus.HELD)] * 2
    assert "personal_challenge.accepted" in await _events(session)
    await check_ledger(session)


async def test_an_opponent_short_of_pd_holds_nothing(session: AsyncSession, gql: GQL) -> None:
    duel = await create_duel(session, wager=600)
    await fund(session, user=duel.creator, amount=100)
    before = await snapshot(session)

    response = await gql(ACCEPT, duel.vars(), as_user=duel.opponent)

    assert response.data["acceptChallenge"] == {
        "__typename": "InsufficientFunds",
        "balance": 500,
        "required": 600,
        "code": "INSUFFICIENT_FUNDS",
        "message": "Недостаточно PD на счёте",
    }
    assert await snapshot(session) == before


async def test_a_creator_short_of_pd_holds_nothing(session: AsyncSession, gql: GQL) -> None:
    duel = await create_duel(session, wager=100, funds=0)
    await fund(session, user=duel.opponent, amount=100)
    before = await snapshot(session)

    response = await gql(ACCEPT, duel.vars(), as_user=duel.opponent)

    assert response.data["acceptChallenge"]["__typename"] == "ChallengerCannotPay"
    assert await snapshot(session) == before


async def test_only_the_opponent_answers(session: AsyncSession, gql: GQL) -> None:
    duel = await create_duel(session)
    before = await snapshot(session)

    by_creator = await gql(ACCEPT, duel.vars(), as_user=duel.creator)
    by_stranger = await gql(DECLINE, duel.vars(), as_user=await create_user(session))

    assert by_creator.error_codes == ["FORBIDDEN"]
    assert by_stranger.data["declineChallenge"]["__typename"] == "NotFound"
    assert await snapshot(session) == before


async def test_declined_challenges_cannot_be_accepted(session: AsyncSession, gql: GQL) -> None:
    duel = await create_duel(session)

    declined = await gql(DECLINE, duel.vars(), as_user=duel.opponent)
    accepted = await gql(ACCEPT, duel.vars(), as_user=duel.opponent)

    assert declined.data["declineChallenge"]["challenge"]["status"] == "DECLINED"
    assert accepted.data["acceptChallenge"]["status"] == "DECLINED"
    assert await balances(session, duel) == (500, 500)


async def test_challenging_is_rate_limited_per_user(
    configure: Configure, session: AsyncSession
) -> None:
    gql = configure(rate_limit={"overrides": {"challenges.create:user": 1}})
    creator, opponent = await create_user(session), await create_user(session)
    sport = await create_sport(session)
    values = {
        "opponentId": str(opponent.id),
        "sportId": str(sport.id),
        "title": "Дуэль",
        "wager": 0,
    }

    results = [await gql(CREATE, {"input": values}, as_user=creator) for _ in range(2)]

    assert [r.data["createChallenge"]["__typename"] for r in results] == [
        "PersonalChallengePayload",
        "RateLimited",
    ]
    assert len((await session.scalars(select(PersonalChallenge))).all()) == 1
