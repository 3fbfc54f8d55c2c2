"""Both sides report; equal reports settle and pay out, different ones go to a moderator."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.challenges import escrow
from app.challenges.handlers import auto_confirm
from app.challenges.models import ChallengeStatus, PersonalChallenge
from app.container import Container
from app.db import Database, utcnow
from app.economy.models import LedgerTransfer
from app.events.models import OutboxEvent
from app.events.worker import TaskContext
from tests.challenges.helpers import Duel, balances, create_duel, mutation, snapshot
from tests.economy.support import check_ledger
from tests.factories import create_user
from tests.fixtures.app import GQL, TestClock

ACCEPT = mutation("acceptChallenge")
REPORT = mutation("reportChallengeOutcome")
RESOLVE = mutation(
    "resolveChallengeDispute",
    "... on WrongChallengeStatus { status } ... on ValidationFailed { fields { path } }",
)

QUEUE = "query { personalChallengeDisputes(first: 10) { nodes { id } } }"


async def _accepted(session: AsyncSession, gql: GQL, wager: int = 100) -> Duel:
    duel = await create_duel(session, wager=wager)
    await gql(ACCEPT, duel.vars(), as_user=duel.opponent)
    return duel


async def _events(session: AsyncSession) -> list[str]:
    return [e.type for e in await session.scalars(select(OutboxEvent).order_by(OutboxEvent.id))]


async def test_agreeing_reports_pay_the_winner_both_wagers(session: AsyncSession, gql: GQL) -> None:
    duel = await _accepted(session, gql)

    first = await gql(REPORT, duel.vars(result="LOSS"), as_user=duel.creator)
    second = await gql(REPORT, duel.vars(result="WIN"), as_user=duel.opponent)

    assert first.data["reportChallengeOutcome"]["challenge"]["status"] == "AWAITING_CONFIRMATION"
    settled = second.data["reportChallengeOutcome"]["challenge"]
    assert settled["status"] == "SETTLED"
    assert settled["verdict"] == "OPPONENT_WON"
    assert settled["winner"] == {"id": str(duel.opponent.id)}
    assert await balances(session, duel) == (400, 600)
    assert "personal_challenge.settled" in await _events(session)
    await check_ledger(session)


async def test_a_draw_refunds_both(session: AsyncSession, gql: GQL) -> None:
    duel = await _accepted(session, gql)

    await gql(REPORT, duel.vars(result="DRAW"), as_user=duel.creator)
    response = await gql(REPORT, duel.vars(result="DRAW"), as_user=duel.opponent)

    assert response.data["reportChallengeOutcome"]["challenge"]["verdict"] == "DRAW"
    assert await balances(session, duel) == (500, 500)
    await check_ledger(session)


async def test_conflicting_reports_are_disputed_and_a_moderator_decides(
    session: AsyncSession, gql: GQL
) -> None:
    duel = await _accepted(session, gql)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    await gql(REPORT, duel.vars(result="WIN"), as_user=duel.creator)

    disputed = await gql(REPORT, duel.vars(result="WIN"), as_user=duel.opponent)
    queue = await gql(QUEUE, as_user=moderator)
    resolved = await gql(
        RESOLVE,
        duel.vars(verdict="CREATOR_WON", resolution="По видеозаписи победил автор вызова"),
        as_user=moderator,
    )

    assert disputed.data["reportChallengeOutcome"]["challenge"]["status"] == "DISPUTED"
    assert await balances(session, duel) == (600, 400)
    assert resolved.data["resolveChallengeDispute"]["challenge"]["verdict"] == "CREATOR_WON"
    saved = await session.get_one(PersonalChallenge, duel.challenge.id)
    assert (saved.resolved_by_id, saved.status) == (moderator.id, ChallengeStatus.SETTLED)
    assert "personal_challenge.disputed" in await _events(session)
    assert queue.data["personalChallengeDisputes"]["nodes"] == [{"id": str(duel.challenge.id)}]


async def test_reporting_twice_is_refused(session: AsyncSession, gql: GQL) -> None:
    duel = await _accepted(session, gql)
    await gql(REPORT, duel.vars(result="WIN"), as_user=duel.creator)
    before = await snapshot(session)

    response = await gql(REPORT, duel.vars(result="LOSS"), as_user=duel.creator)

    assert response.data["reportChallengeOutcome"]["__typename"] == "OutcomeAlreadyReported"
    assert await snapshot(session) == before


async def test_only_a_moderator_resolves_and_only_disputes(session: AsyncSession, gql: GQL) -> None:
    duel = await create_duel(session, status=ChallengeStatus.DISPUTED, wager=0)
    pending = await create_duel(session, status=ChallengeStatus.ACCEPTED, wager=0)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    values = {"verdict": "DRAW", "resolution": "Решение принято по правилам"}
    before = await snapshot(session)

    by_player = await gql(RESOLVE, duel.vars(**values), as_user=duel.creator)
    too_early = await gql(RESOLVE, pending.vars(**values), as_user=moderator)

    assert by_player.error_codes == ["FORBIDDEN"]
    assert too_early.data["resolveChallengeDispute"]["status"] == "ACCEPTED"
    assert await snapshot(session) == before


async def test_a_repeated_payout_pays_nothing_more(session: AsyncSession, gql: GQL) -> None:
    duel = await _accepted(session, gql)
    await gql(REPORT, duel.vars(result="WIN"), as_user=duel.creator)
    await gql(REPORT, duel.vars(result="LOSS"), as_user=duel.opponent)
    settled = await session.get_one(PersonalChallenge, duel.challenge.id)
    transfers = await session.scalar(select(func.count()).select_from(LedgerTransfer))

    await escrow.pay_out(session, settled, now=utcnow(), actor_id=None)

    assert await balances(session, duel) == (600, 400)
    assert await session.scalar(select(func.count()).select_from(LedgerTransfer)) == transfers
    await check_ledger(session)


async def test_an_unanswered_report_settles_as_reported_once_its_window_passes(
    session: AsyncSession, gql: GQL, database: Database, container: Container, clock: TestClock
) -> None:
    duel = await _accepted(session, gql)
    await gql(REPORT, duel.vars(result="WIN"), as_user=duel.creator)
    stop = asyncio.Event()
    stop.set()
    context = TaskContext(database, container.settings, clock, container, stop)
    window = timedelta(hours=container.settings.matches.confirmation_hours)

    clock.advance(window - timedelta(seconds=1))
    await auto_confirm(context)
    waiting = await _status(session, duel)
    clock.advance(timedelta(seconds=1))
    await auto_confirm(context)
    await auto_confirm(context)

    assert waiting is ChallengeStatus.AWAITING_CONFIRMATION
    assert await _status(session, duel) is ChallengeStatus.SETTLED
    assert await balances(session, duel) == (600, 400)
    assert (await _events(session)).count("personal_challenge.settled") == 1
    await check_ledger(session)


async def _status(session: AsyncSession, duel: Duel) -> ChallengeStatus:
    session.expunge_all()
    challenge = await session.get(PersonalChallenge, duel.challenge.id)
    assert challenge is not None
    return challenge.status
