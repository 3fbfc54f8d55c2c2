"""A hundred simultaneous claims of one completed quest pay exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlalchemy import func, select

from app.db import Database
from app.economy.models import LedgerTransfer, TransferKind
from tests.economy.support import balance, check_ledger, xp
from tests.factories import add_quest_progress, create_quest, create_user
from tests.fixtures.racing import Racer

CLAIM = """
mutation($input: ClaimQuestRewardInput!) { claimQuestReward(input: $input) { __typename } }
"""


async def test_a_hundred_claims_pay_once(committed_database: Database, racer: Racer) -> None:
    async with committed_database.transaction() as session:
        user = await create_user(session)
        quest = await create_quest(session, reward_pd=200, reward_xp=50)
        await add_quest_progress(session, user=user, quest=quest, period="once")
    variables = {"input": {"questId": str(quest.id)}}

    results = await asyncio.gather(*(racer(CLAIM, variables, user) for _ in range(100)))

    assert Counter(r["__typename"] for r in results) == {
        "ClaimQuestRewardPayload": 1,
        "QuestAlreadyClaimed": 99,
    }
    async with committed_database.transaction() as session:
        assert (await balance(session, user), await xp(session, user)) == (200, 50)
        rewards = select(func.count()).where(LedgerTransfer.kind == TransferKind.QUEST_REWARD)
        assert await session.scalar(rewards) == 1
        await check_ledger(session)
