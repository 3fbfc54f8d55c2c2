"""moderatePlayground, the moderation queue, and who sees pending and rejected playgrounds."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.playgrounds.models import Playground, PlaygroundStatus
from tests.factories import create_playground, create_user
from tests.fixtures.app import GQL, TestClock
from tests.playgrounds.helpers import events, fresh, snapshot

MODERATE = """
mutation Moderate($input: ModeratePlaygroundInput!) {
  moderatePlayground(input: $input) {
    __typename
    ... on ModeratePlaygroundPayload { playground { id status moderationReason moderatedAt } }
    ... on PlaygroundNotPending { code status }
    ... on ValidationFailed { fields { path code } }
  }
}
"""

PLAYGROUND = """
query Playground($id: ID!) { playground(id: $id) { id status moderationReason moderatedAt } }
"""

QUEUE = """
query Queue($first: Int!, $after: String) {
  playgroundModerationQueue(first: $first, after: $after) {
    nodes { name } pageInfo { hasNextPage endCursor }
  }
}
"""

MINE = """
query Mine($status: PlaygroundStatus) {
  myPlaygroundProposals(status: $status) { nodes { name status moderationReason } }
}
"""


async def moderator(session: AsyncSession) -> object:
    return await create_user(session, roles=[Role.MODERATOR])


async def test_a_moderator_approves(gql: GQL, session: AsyncSession, clock: TestClock) -> None:
    proposer = await create_user(session)
    playground = await create_playground(
        session, proposer=proposer, status=PlaygroundStatus.PENDING
    )
    staff = await moderator(session)

    response = await gql(
        MODERATE,
        {"input": {"playgroundId": str(playground.id), "decision": "APPROVE"}},
        as_user=staff,
    )

    result = response.data["moderatePlayground"]
    assert result["__typename"] == "ModeratePlaygroundPayload"
    assert result["playground"]["status"] == "APPROVED"
    stored = await fresh(session, Playground, playground.id)
    assert (stored.status, stored.moderated_by_id, stored.moderated_at) == (
        PlaygroundStatus.APPROVED,
        staff.id,
        clock.now(),
    )
    [event] = await events(session)
    assert event.type == "playground.approved"
    assert event.payload["proposed_by"] == str(proposer.id)
    assert event.payload["moderated_by"] == str(staff.id)


async def test_a_rejection_keeps_the_playground_with_its_reason(
    gql: GQL, session: AsyncSession
) -> None:
    proposer = await create_user(session)
    stranger = await create_user(session)
    playground = await create_playground(
        session, proposer=proposer, status=PlaygroundStatus.PENDING
    )
    staff = await moderator(session)

    response = await gql(
        MODERATE,
        {
            "input": {
                "playgroundId": str(playground.id),
                "decision": "REJECT",
                "reason": "Такой площадки по этому адресу нет",
            }
        },
        as_user=staff,
    )

    assert response.data["moderatePlayground"]["playground"]["status"] == "REJECTED"
    stored = await fresh(session, Playground, playground.id)
    assert stored.status is PlaygroundStatus.REJECTED
    assert stored.moderation_reason == "Такой площадки по этому адресу нет"
    [event] = await events(session)
    assert (event.type, event.payload["reason"]) == (
        "playground.rejected",
        "Такой площадки по этому адресу нет",
    )
    seen_by_proposer = await gql(PLAYGROUND, {"id": str(playground.id)}, as_user=proposer)
    assert seen_by_proposer.data["playground"]["moderationReason"] == (
        "Такой площадки по этому адресу нет"
    )
    seen_by_stranger = await gql(PLAYGROUND, {"id": str(playground.id)}, as_user=stranger)
    assert seen_by_stranger.data == {"playground": None}


async def test_a_rejection_needs_a_reason(gql: GQL, session: AsyncSession) -> None:
    playground = await create_playground(session, status=PlaygroundStatus.PENDING)
    staff = await moderator(session)
    before = await snapshot(session)

    response = await gql(
        MODERATE,
        {"input": {"playgroundId": str(playground.id), "decision": "REJECT", "reason": " "}},
        as_user=staff,
    )

    result = response.data["moderatePlayground"]
    assert result == {
        "__typename": "ValidationFailed",
        "fields": [{"path": "reason", "code": "REQUIRED"}],
    }
    assert await snapshot(session) == before


async def test_only_moderators_moderate(gql: GQL, session: AsyncSession) -> None:
    proposer = await create_user(session)
    playground = await create_playground(
        session, proposer=proposer, status=PlaygroundStatus.PENDING
    )
    captain = await create_user(session, roles=[Role.PLAYER, Role.CAPTAIN])
    before = await snapshot(session)

    for user in (proposer, captain):
        response = await gql(
            MODERATE,
            {"input": {"playgroundId": str(playground.id), "decision": "APPROVE"}},
            as_user=user,
        )
        assert response.error_codes == ["FORBIDDEN"]

    assert await snapshot(session) == before


async def test_a_decided_playground_is_not_decided_again(gql: GQL, session: AsyncSession) -> None:
    playground = await create_playground(session, status=PlaygroundStatus.REJECTED)
    staff = await moderator(session)
    before = await snapshot(session)

    response = await gql(
        MODERATE,
        {"input": {"playgroundId": str(playground.id), "decision": "APPROVE"}},
        as_user=staff,
    )

    assert response.data["moderatePlayground"] == {
        "__typename": "PlaygroundNotPending",
        "code": "PLAYGROUND_NOT_PENDING",
        "status": "REJECTED",
    }
    assert await snapshot(session) == before


async def test_pending_playgrounds_are_seen_by_proposer_and_staff_only(
    gql: GQL, session: AsyncSession
) -> None:
    proposer = await create_user(session)
    playground = await create_playground(
        session, proposer=proposer, status=PlaygroundStatus.PENDING
    )
    variables = {"id": str(playground.id)}

    for viewer, visible in (
        (proposer, True),
        (await moderator(session), True),
        (await create_user(session, roles=[Role.ADMINISTRATOR]), True),
        (await create_user(session), False),
    ):
        response = await gql(PLAYGROUND, variables, as_user=viewer)
        assert (response.data["playground"] is not None) == visible
    approved = await create_playground(session, proposer=proposer)
    seen = await gql(PLAYGROUND, {"id": str(approved.id)}, as_user=await create_user(session))
    assert seen.data["playground"]["moderationReason"] is None


async def test_the_queue_lists_pending_playgrounds_oldest_first(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    for i, name in enumerate(("Вторая", "Первая", "Третья")):
        created = clock.now() - timedelta(hours=[2, 3, 1][i])
        await create_playground(
            session, name=name, status=PlaygroundStatus.PENDING, created_at=created
        )
    await create_playground(session, name="Одобренная")
    await create_playground(session, name="Отклонённая", status=PlaygroundStatus.REJECTED)
    staff = await moderator(session)

    seen, after = [], None
    while True:
        response = await gql(QUEUE, {"first": 2, "after": after}, as_user=staff)
        connection = response.data["playgroundModerationQueue"]
        seen += [node["name"] for node in connection["nodes"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]

    assert seen == ["Первая", "Вторая", "Третья"]
    player = await gql(QUEUE, {"first": 2}, as_user=await create_user(session))
    assert player.error_codes == ["FORBIDDEN"]


async def test_my_proposals_list_every_status(gql: GQL, session: AsyncSession) -> None:
    me = await create_user(session)
    await create_playground(session, proposer=me, name="Ждёт", status=PlaygroundStatus.PENDING)
    await create_playground(
        session,
        proposer=me,
        name="Отклонена",
        status=PlaygroundStatus.REJECTED,
        moderation_reason="Дубликат",
    )
    await create_playground(session, proposer=me, name="Одобрена")
    await create_playground(session, name="Чужая", status=PlaygroundStatus.PENDING)

    everything = await gql(MINE, {}, as_user=me)
    rejected = await gql(MINE, {"status": "REJECTED"}, as_user=me)

    nodes = everything.data["myPlaygroundProposals"]["nodes"]
    assert sorted(node["name"] for node in nodes) == ["Ждёт", "Одобрена", "Отклонена"]
    assert rejected.data["myPlaygroundProposals"]["nodes"] == [
        {"name": "Отклонена", "status": "REJECTED", "moderationReason": "Дубликат"}
    ]
