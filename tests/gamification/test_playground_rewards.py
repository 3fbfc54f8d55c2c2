"""Playgrounds count for the game: an approved proposal earns its rule, check-ins feed quests."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.container import Container
from app.economy.models import RewardGrant
from app.playgrounds.models import PlaygroundStatus
from app.quests.models import QuestProgress, QuestType
from tests.economy.support import balance, check_ledger, deliver, xp
from tests.factories import create_playground, create_quest, create_user
from tests.fixtures.app import GQL

MODERATE = """
mutation($input: ModeratePlaygroundInput!) { moderatePlayground(input: $input) { __typename } }
"""
CHECK_IN = "mutation($input: CheckInInput!) { checkIn(input: $input) { __typename } }"


async def test_an_approved_proposal_pays_its_proposer_once(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    proposer = await create_user(session)
    moderator = await create_user(session, roles=[Role.PLAYER, Role.MODERATOR])
    playground = await create_playground(
        session, proposer=proposer, status=PlaygroundStatus.PENDING
    )
    await deliver(container, session)
    before = (await balance(session, proposer), await xp(session, proposer))

    approve = {"input": {"playgroundId": str(playground.id), "decision": "APPROVE"}}
    result = await gql(MODERATE, approve, as_user=moderator)
    await deliver(container, session)

    assert result.data == {"moderatePlayground": {"__typename": "ModeratePlaygroundPayload"}}
    codes = await session.scalars(
        select(RewardGrant.rule_code).where(RewardGrant.user_id == proposer.id)
    )
    assert sorted(codes) == ["PLAYGROUND_APPROVED", "REGISTRATION"]
    after = (await balance(session, proposer), await xp(session, proposer))
    assert (after[0] - before[0], after[1] - before[1]) == (300, 300)
    await check_ledger(session)


async def test_a_check_in_advances_the_check_in_quest(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    player = await create_user(session)
    playground = await create_playground(session)
    quest = await create_quest(
        session, code="t.check-in", type=QuestType.DAILY, activities=["playground.checked_in"]
    )

    result = await gql(CHECK_IN, {"input": {"playgroundId": str(playground.id)}}, as_user=player)
    await deliver(container, session)

    assert result.data == {"checkIn": {"__typename": "CheckInPayload"}}
    stmt = select(QuestProgress.progress, QuestProgress.completed_at).where(
        QuestProgress.user_id == player.id, QuestProgress.quest_id == quest.id
    )
    [(progress, completed_at)] = (await session.execute(stmt)).all()
    assert progress == 1
    assert completed_at is not None
