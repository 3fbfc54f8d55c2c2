"""chats, chat, directChat and chatMessages: the chat list and a chat's history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.chat.models import Chat, ChatKind
from app.users.models import User
from tests.factories import add_member, create_chat, create_message, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter

CHATS = """
query Chats($first: Int!, $after: String) {
  chats(first: $first, after: $after) {
    nodes {
      id kind title unreadCount memberCount lastActivityAt closedAt
      team { id name }
      lastMessage { id text author { id displayName } replyTo { id } }
      members(first: 3) { joinedAt user { id displayName avatarUrl } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

HISTORY = """
query History($chatId: ID!, $last: Int!, $before: String) {
  chatMessages(chatId: $chatId, last: $last, before: $before) {
    nodes { id text deletedAt author { id displayName } replyTo { id text } }
    pageInfo { hasPreviousPage hasNextPage startCursor }
  }
}
"""

ONE = "query($id: ID!) { chat(id: $id) { id title } }"
DIRECT = "query($userId: ID!) { directChat(userId: $userId) { id kind title } }"


async def build_chat_list(
    session: AsyncSession, clock: TestClock, viewer: User, count: int
) -> list[Chat]:
    """``count`` chats of the viewer, each with three members and a reply as last message;
    returned most recently active first."""
    chats = []
    for n in range(count):
        other = await create_user(session)
        chat = await create_chat(session, members=[viewer, other, await create_user(session)])
        first = await create_message(session, chat=chat, sender=other)
        await create_message(session, chat=chat, sender=viewer, reply_to=first)
        chat.last_activity_at = clock.now() - timedelta(minutes=n)
        chats.append(chat)
    await session.flush()
    return chats


@pytest.mark.parametrize("count", [1, 6])
async def test_the_chat_list_costs_the_same_for_any_number_of_chats(
    gql: GQL,
    session: AsyncSession,
    clock: TestClock,
    count_statements: StatementCounter,
    count: int,
) -> None:
    viewer = await create_user(session)
    chats = await build_chat_list(session, clock, viewer, count)
    await gql(CHATS, {"first": 10}, as_user=viewer)  # the first request provisions the user

    with count_statements() as log:
        response = await gql(CHATS, {"first": 10}, as_user=viewer)

    assert response.errors is None
    assert [node["id"] for node in response.data["chats"]["nodes"]] == [str(c.id) for c in chats]
    assert len(log) == 9, str(log)


async def test_the_chat_list_shows_last_message_unread_and_members(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice = await create_user(session, display_name="Алиса")
    boris = await create_user(session, display_name="Борис")
    captain = await create_user(session)
    team = await create_team(session, captain=captain, name="Вымпел")
    await add_member(session, team=team, user=alice)
    team_chat = await create_chat(
        session, members=[captain, alice], kind=ChatKind.TEAM, subject_id=team.id
    )
    direct = await create_chat(session, members=[alice, boris], kind=ChatKind.DIRECT)
    match = await create_chat(
        session, members=[alice], kind=ChatKind.MATCH, title="Вымпел — Соколы"
    )
    greeting = await create_message(session, chat=direct, sender=boris, text="Привет!")
    await create_message(session, chat=team_chat, sender=captain, text="Сбор в 18:00")
    team_chat.last_activity_at = clock.now() - timedelta(hours=1)
    direct.last_activity_at = clock.now()
    match.last_activity_at = clock.now() - timedelta(days=1)
    await session.flush()

    response = await gql(CHATS, {"first": 10}, as_user=alice)

    nodes = response.data["chats"]["nodes"]
    assert [(n["kind"], n["title"], n["unreadCount"], n["memberCount"]) for n in nodes] == [
        ("DIRECT", "Борис", 1, 2),
        ("TEAM", "Вымпел", 1, 2),
        ("MATCH", "Вымпел — Соколы", 0, 1),
    ]
    assert nodes[0]["lastMessage"] == {
        "id": str(greeting.id),
        "text": "Привет!",
        "author": {"id": str(boris.id), "displayName": "Борис"},
        "replyTo": None,
    }
    assert nodes[1]["team"] == {"id": str(team.id), "name": "Вымпел"}
    assert nodes[2]["lastMessage"] is None
    assert [m["user"]["id"] for m in nodes[0]["members"]] == sorted([str(alice.id), str(boris.id)])


async def test_the_chat_list_pages_by_last_activity(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    viewer = await create_user(session)
    chats = await build_chat_list(session, clock, viewer, 5)
    await create_chat(session, members=[await create_user(session)])  # not the viewer's

    first = await gql(CHATS, {"first": 3}, as_user=viewer)
    page = first.data["chats"]["pageInfo"]
    second = await gql(CHATS, {"first": 3, "after": page["endCursor"]}, as_user=viewer)

    ids = [n["id"] for r in (first, second) for n in r.data["chats"]["nodes"]]
    assert ids == [str(chat.id) for chat in chats]
    assert page["hasNextPage"] is True
    assert second.data["chats"]["pageInfo"]["hasNextPage"] is False


async def test_members_are_listed_up_to_first(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    await create_chat(session, members=[viewer, *[await create_user(session) for _ in range(4)]])

    short = await gql(
        "query { chats { nodes { members(first: 2) { joinedAt } } } }", as_user=viewer
    )
    refused = await gql(
        "query { chats(first: 1) { nodes { members(first: 101) { joinedAt } } } }", as_user=viewer
    )

    assert len(short.data["chats"]["nodes"][0]["members"]) == 2
    assert refused.error_codes == ["BAD_USER_INPUT"]


async def test_a_chat_is_visible_to_its_members_only(gql: GQL, session: AsyncSession) -> None:
    alice = await create_user(session)
    chat = await create_chat(session, members=[alice], kind=ChatKind.MATCH, title="Финал")
    stranger = await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])

    mine = await gql(ONE, {"id": str(chat.id)}, as_user=alice)
    others = [await gql(ONE, {"id": str(chat.id)}, as_user=u) for u in (stranger, moderator)]
    malformed = await gql(ONE, {"id": "not-an-id"}, as_user=alice)

    assert mine.data["chat"] == {"id": str(chat.id), "title": "Финал"}
    assert [r.data["chat"] for r in (*others, malformed)] == [None, None, None]


async def test_direct_chat_finds_the_pair_s_chat(gql: GQL, session: AsyncSession) -> None:
    alice, boris = await create_user(session), await create_user(session, display_name="Боря")
    chat = await create_chat(session, members=[alice, boris], kind=ChatKind.DIRECT)
    stranger = await create_user(session)

    found = await gql(DIRECT, {"userId": str(boris.id)}, as_user=alice)
    none = await gql(DIRECT, {"userId": str(stranger.id)}, as_user=alice)
    theirs = await gql(DIRECT, {"userId": str(boris.id)}, as_user=stranger)

    assert found.data["directChat"] == {"id": str(chat.id), "kind": "DIRECT", "title": "Боря"}
    assert none.data["directChat"] is None
    assert theirs.data["directChat"] is None


async def test_history_pages_backwards_in_chat_order(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])
    messages = [await create_message(session, chat=chat, sender=boris) for _ in range(5)]
    await create_message(session, chat=chat, sender=alice, deleted_at=clock.now())
    variables = {"chatId": str(chat.id), "last": 3}

    newest = await gql(HISTORY, variables, as_user=alice)
    cursor = newest.data["chatMessages"]["pageInfo"]["startCursor"]
    older = await gql(HISTORY, {**variables, "before": cursor}, as_user=alice)

    page = newest.data["chatMessages"]
    assert [n["id"] for n in page["nodes"][:2]] == [str(m.id) for m in messages[3:]]
    assert page["nodes"][2]["text"] is None, "a deleted message stays in place, without text"
    assert page["pageInfo"] == {
        "hasPreviousPage": True,
        "hasNextPage": False,
        "startCursor": cursor,
    }
    assert [n["id"] for n in older.data["chatMessages"]["nodes"]] == [
        str(m.id) for m in messages[:3]
    ]
    assert older.data["chatMessages"]["pageInfo"]["hasPreviousPage"] is False
    assert older.data["chatMessages"]["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize("count", [2, 20])
async def test_a_history_page_costs_the_same_for_any_size(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter, count: int
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])
    first = await create_message(session, chat=chat, sender=alice)
    for n in range(count):
        await create_message(session, chat=chat, sender=(alice, boris)[n % 2], reply_to=first)
    await gql(HISTORY, {"chatId": str(chat.id), "last": 50}, as_user=alice)

    with count_statements() as log:
        response = await gql(HISTORY, {"chatId": str(chat.id), "last": 50}, as_user=alice)

    assert len(response.data["chatMessages"]["nodes"]) == count + 1
    assert len(log) == 4, str(log)


async def test_history_is_for_members_only(gql: GQL, session: AsyncSession) -> None:
    chat = await create_chat(session, members=[await create_user(session)])
    stranger = await create_user(session)

    response = await gql(HISTORY, {"chatId": str(chat.id), "last": 5}, as_user=stranger)
    paging = await gql(HISTORY, {"chatId": str(chat.id), "last": 101}, as_user=stranger)

    assert response.data["chatMessages"] is None
    assert paging.error_codes == ["BAD_USER_INPUT"]


async def test_a_members_empty_chat_is_an_empty_page(gql: GQL, session: AsyncSession) -> None:
    member = await create_user(session)
    chat = await create_chat(session, members=[member])

    response = await gql(HISTORY, {"chatId": str(chat.id), "last": 5}, as_user=member)

    page = response.data["chatMessages"]
    assert (page["nodes"], page["pageInfo"]["hasPreviousPage"]) == ([], False)
