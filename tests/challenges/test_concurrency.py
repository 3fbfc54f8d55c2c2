"""Racing reports and cancellations of one challenge: the wagers move once, exactly."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from app.challenges.models import ChallengeStatus, PersonalChallenge
from app.db import Database
from app.economy.models import LedgerTransfer, TransferKind
from tests.challenges.helpers import balances, create_duel, mutation
from tests.economy.support import check_ledger
from tests.fixtures.racing import Racer

ACCEPT = "mutation($input: AcceptChallengeInput!) { acceptChallenge(input: $input) { __typename } }"
REPORT = mutation("reportChallengeOutcome")
CANCEL = mutation("cancelChallenge")


async def _transfers(db: Database, kind: TransferKind) -> int:
    async with db.transaction() as session:
        count = await session.scalar(
            select(func.count()).select_from(LedgerTransfer).where(LedgerTransfer.kind == kind)
        )
    return count or 0


async def test_simultaneous_reports_settle_once(committed_database: Database, racer: Racer) -> None:
    async with committed_database.transaction() as session:
        duel = await create_duel(session, wager=100)
    accepted = await racer(ACCEPT, duel.vars(), duel.opponent)

    results = await asyncio.gather(
        racer(REPORT, duel.vars(result="WIN"), duel.creator),
        racer(REPORT, duel.vars(result="LOSS"), duel.opponent),
    )

    assert accepted["__typename"] == "PersonalChallengePayload"
    statuses = sorted(r["challenge"]["status"] for r in results)
    assert statuses == ["AWAITING_CONFIRMATION", "SETTLED"]
    async with committed_database.transaction() as session:
        saved = await session.get_one(PersonalChallenge, duel.challenge.id)
        assert saved.status is ChallengeStatus.SETTLED
        assert await balances(session, duel) == (600, 400)
        payouts = await session.scalar(
            select(func.count())
            .select_from(LedgerTransfer)
            .where(LedgerTransfer.kind == TransferKind.WAGER_PAYOUT)
        )
        assert payouts == 1
        await check_ledger(session)


async def test_both_sides_calling_off_at_once_refund_once(
    committed_database: Database, racer: Racer
) -> None:
    async with committed_database.transaction() as session:
        duel = await create_duel(session, wager=100)
    await racer(ACCEPT, duel.vars(), duel.opponent)

    results = await asyncio.gather(
        *(racer(CANCEL, duel.vars(), user) for user in [duel.creator, duel.opponent] * 3)
    )

    outcomes = sorted(r.get("challenge", {}).get("status") or r["__typename"] for r in results)
    assert outcomes.count("CANCELLED") == 1
    assert outcomes.count("ACCEPTED") == 1
    assert set(outcomes) - {"CANCELLED", "ACCEPTED"} <= {
        "CancellationAlreadyRequested",
        "WrongChallengeStatus",
    }
    async with committed_database.transaction() as session:
        saved = await session.get_one(PersonalChallenge, duel.challenge.id)
        assert saved.status is ChallengeStatus.CANCELLED
        assert await balances(session, duel) == (500, 500)
        await check_ledger(session)
    assert await _transfers(committed_database, TransferKind.WAGER_REFUND) == 2
    assert await _transfers(committed_database, TransferKind.WAGER_PAYOUT) == 0


async def test_agreeing_to_call_off_while_the_other_reports_moves_the_wagers_once(
    committed_database: Database, racer: Racer
) -> None:
    async with committed_database.transaction() as session:
        duel = await create_duel(session, wager=100)
    await racer(ACCEPT, duel.vars(), duel.opponent)
    await racer(CANCEL, duel.vars(), duel.creator)

    agreed, reported = await asyncio.gather(
        racer(CANCEL, duel.vars(), duel.opponent),
        racer(REPORT, duel.vars(result="WIN"), duel.creator),
    )

    async with committed_database.transaction() as session:
        saved = await session.get_one(PersonalChallenge, duel.challenge.id)
        if saved.status is ChallengeStatus.CANCELLED:
            assert agreed["challenge"]["status"] == "CANCELLED"
            assert reported["__typename"] == "WrongChallengeStatus"
            assert await balances(session, duel) == (500, 500)
        else:
            assert saved.status is ChallengeStatus.AWAITING_CONFIRMATION
            assert saved.cancel_requested_by_id is None
            assert reported["challenge"]["status"] == "AWAITING_CONFIRMATION"
            assert agreed["status"] == "AWAITING_CONFIRMATION"
            assert await balances(session, duel) == (400, 400)
        await check_ledger(session)
    assert await _transfers(committed_database, TransferKind.WAGER_PAYOUT) == 0
