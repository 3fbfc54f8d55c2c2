"""The API other domains call for their chats: open_chat, set_members, close_chat.

Matches and tournaments will call it; here it is driven directly, the way they will.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.chat import service
from app.chat.events import ChatClosed, ChatMemberJoined, ChatMemberLeft, ChatOpened
from app.chat.models import Chat, ChatKind, ChatMember
from app.errors import NotFoundError
from tests.chat.helpers import chat_events, read_position
from tests.factories import create_message, create_user
from tests.fixtures.app import GQL, TestClock

CHATS = "query { chats { nodes { kind title closedAt } } }"


async def member_ids(session: AsyncSession, chat: Chat) -> list[uuid.UUID]:
    stmt = select(ChatMember.user_id).where(ChatMember.chat_id == chat.id)
    return sorted((await session.scalars(stmt)).all())


async def test_a_match_chat_opens_with_its_people(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    players = [await create_user(session) for _ in range(3)]
    judge = await create_user(session)
    match_id = uuid.uuid4()

    chat = await service.open_chat(
        session,
        ChatKind.MATCH,
        match_id,
        member_ids=[*(p.id for p in players), judge.id, judge.id],
        title="Вымпел — Соколы",
        now=clock.now(),
    )

    expected = sorted([*(p.id for p in players), judge.id])
    assert (chat.kind, chat.subject_id, chat.title) == (ChatKind.MATCH, match_id, "Вымпел — Соколы")
    assert await member_ids(session, chat) == expected
    assert await chat_events(session) == [
        ChatOpened(chat_id=chat.id, member_ids=expected, kind="MATCH", subject_id=match_id)
    ]
    response = await gql(CHATS, as_user=judge)
    assert response.data["chats"]["nodes"] == [
        {"kind": "MATCH", "title": "Вымпел — Соколы", "closedAt": None}
    ]


async def test_opening_again_updates_the_members_of_the_same_chat(
    session: AsyncSession, clock: TestClock
) -> None:
    first, second, third = [await create_user(session) for _ in range(3)]
    tournament_id = uuid.uuid4()
    chat = await service.open_chat(
        session,
        ChatKind.TOURNAMENT,
        tournament_id,
        member_ids=[first.id, second.id],
        now=clock.now(),
    )

    again = await service.open_chat(
        session,
        ChatKind.TOURNAMENT,
        tournament_id,
        member_ids=[second.id, third.id],
        now=clock.now(),
    )

    assert again.id == chat.id
    assert await member_ids(session, chat) == sorted([second.id, third.id])
    events = await chat_events(session)
    assert events[1:] == [
        ChatMemberJoined(chat_id=chat.id, user_id=third.id),
        ChatMemberLeft(chat_id=chat.id, user_id=first.id),
    ]


async def test_set_members_lets_newcomers_start_with_nothing_unread(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    organizer, newcomer = await create_user(session), await create_user(session)
    subject = uuid.uuid4()
    chat = await service.open_chat(
        session, ChatKind.TOURNAMENT, subject, member_ids=[organizer.id], now=clock.now()
    )
    for _ in range(3):
        await create_message(session, chat=chat, sender=organizer)

    await service.set_members(
        session, ChatKind.TOURNAMENT, subject, [organizer.id, newcomer.id], now=clock.now()
    )

    assert await read_position(session, chat, newcomer) == 3
    history = await gql(
        "query($id: ID!) { chatMessages(chatId: $id) { nodes { id } } }",
        {"id": str(chat.id)},
        as_user=newcomer,
    )
    assert len(history.data["chatMessages"]["nodes"]) == 3, "the history is readable"


async def test_closing_makes_the_chat_read_only_once(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    member = await create_user(session)
    subject = uuid.uuid4()
    chat = await service.open_chat(
        session, ChatKind.MATCH, subject, member_ids=[member.id], now=clock.now()
    )

    await service.close_chat(session, ChatKind.MATCH, subject, now=clock.now())
    await service.close_chat(session, ChatKind.MATCH, subject, now=clock.now())

    assert chat.closed_at == clock.now()
    assert (await chat_events(session))[1:] == [ChatClosed(chat_id=chat.id, member_ids=[member.id])]
    response = await gql(CHATS, as_user=member)
    assert response.data["chats"]["nodes"][0]["closedAt"] == clock.now().isoformat()


async def test_unknown_chats_and_direct_chats_are_refused(
    session: AsyncSession, clock: TestClock
) -> None:
    with pytest.raises(NotFoundError):
        await service.set_members(session, ChatKind.MATCH, uuid.uuid4(), [], now=clock.now())
    with pytest.raises(NotFoundError):
        await service.close_chat(session, ChatKind.MATCH, uuid.uuid4(), now=clock.now())
    with pytest.raises(ValueError, match="first message"):
        await service.open_chat(
            session, ChatKind.DIRECT, uuid.uuid4(), member_ids=[], now=clock.now()
        )
    assert await chat_events(session) == []
