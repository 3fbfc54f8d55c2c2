"""A new friendship counts as "friend added" for both people (the "Душа компании" quest)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.quests.models import QuestProgress, QuestType
from tests.economy.support import deliver
from tests.factories import create_friend_request, create_quest, create_user
from tests.fixtures.app import GQL

RESPOND = """
mutation($input: RespondToFriendRequestInput!) {
  respondToFriendRequest(input: $input) { __typename }
}
"""


async def test_an_accepted_request_advances_both_players_friends_quest(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    quest = await create_quest(
        session, code="t.friends", type=QuestType.SPECIAL, activities=["friend.added"]
    )
    request = await create_friend_request(session, sender=alice, recipient=boris)

    await gql(
        RESPOND, {"input": {"requestId": str(request.id), "decision": "ACCEPT"}}, as_user=boris
    )
    await deliver(container, session)
    await deliver(container, session)

    stmt = select(QuestProgress.user_id, QuestProgress.progress).where(
        QuestProgress.quest_id == quest.id
    )
    assert sorted((await session.execute(stmt)).all()) == sorted([(alice.id, 1), (boris.id, 1)])
