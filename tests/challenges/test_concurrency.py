"""Both sides report the same outcome at the same moment: one payout, exactly."""

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
