"""Chat over real WebSockets (graphql-transport-ws) with the events runtime and its hub."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from app.auth.dev_issuer import DevIssuer
from app.chat.models import Chat, ChatKind
from app.db import Database, create_engine
from app.settings import DatabaseSettings, Settings
from app.teams.models import TeamRole
from tests.chat.live import ACTIVITY, MESSAGES, LiveChat, live_chat, posted_envelopes, texts, until
from tests.events.support import event_settings
from tests.factories import add_member, create_chat, create_message, create_team, create_user
from tests.fixtures.app import TestClock
from tests.fixtures.live import LiveServer
from tests.fixtures.ws import GraphQLWebSocket

DISBAND = """
mutation Disband($input: DisbandTeamInput!) { disbandTeam(input: $input) { __typename } }
"""
REMOVE = """
mutation Remove($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { __typename } }
"""


@pytest.fixture
async def live(
    settings: Settings,
    committed_database: Database,
    dev_issuer: DevIssuer,
    clock: TestClock,
    live_server: LiveServer,
) -> AsyncIterator[LiveChat]:
    config = event_settings(settings, None)
    async with live_chat(config, committed_database, dev_issuer, clock, live_server) as chat:
        yield chat


async def team_chat(db: Database, members: int) -> tuple[object, list[object]]:
    """A team of ``members`` (the captain first) and its chat."""
    async with db.transaction() as session:
        people = [await create_user(session) for _ in range(members)]
        team = await create_team(session, captain=people[0])
        for person in people[1:]:
            await add_member(session, team=team, user=person, role=TeamRole.PLAYER)
        chat = await create_chat(session, members=people, kind=ChatKind.TEAM, subject_id=team.id)
    return (team, chat), people


async def test_a_message_reaches_the_other_member(
    live: LiveChat, committed_database: Database
) -> None:
    (_, chat), (alice, boris) = await team_chat(committed_database, 2)

    async with live.socket(alice) as sender, live.socket(boris) as receiver:
        operation = await live.subscribed(receiver, MESSAGES, chatId=str(chat.id))
        send = await sender.subscribe(
            "mutation($input: SendChatMessageInput!) { sendChatMessage(input: $input) "
            "{ ... on SendChatMessagePayload { chatMessage { id } } } }",
            {"input": {"chatId": str(chat.id), "text": "Все на поле!", "clientMessageId": "1"}},
        )
        sent = await sender.next_payload(send)
        received = await receiver.next_payload(operation)

    message_id = sent["payload"]["data"]["sendChatMessage"]["chatMessage"]["id"]
    assert received["payload"]["data"]["chatMessageAdded"] == {
        "id": message_id,
        "text": "Все на поле!",
        "author": {"id": str(alice.id)},
    }


async def test_a_non_member_is_refused(live: LiveChat, committed_database: Database) -> None:
    (_, chat), _ = await team_chat(committed_database, 1)
    async with committed_database.transaction() as session:
        stranger = await create_user(session)

    async with live.socket(stranger) as ws:
        operation = await ws.subscribe(MESSAGES, {"chatId": str(chat.id)})
        refused = await ws.next_payload(operation)
        completed = await ws.receive()

    assert refused["payload"]["data"] is None
    assert [e["extensions"]["code"] for e in refused["payload"]["errors"]] == ["NOT_FOUND"]
    assert completed == {"id": operation, "type": "complete"}
    assert live.container.hub.subscriber_count == 0


async def test_a_removed_member_stops_receiving(
    live: LiveChat, committed_database: Database
) -> None:
    (team, chat), (captain, boris, other) = await team_chat(committed_database, 3)

    async with live.socket(boris) as removed, live.socket(other) as staying:
        gone = await live.subscribed(removed, MESSAGES, chatId=str(chat.id))
        kept = await live.subscribed(staying, MESSAGES, chatId=str(chat.id))
        chat_list = await live.subscribed(removed, ACTIVITY)
        before = await live.send(captain, chat.id, "До")
        assert await texts(removed, gone, 1) == ["До"]
        await live.post(
            REMOVE, {"input": {"teamId": str(team.id), "userId": str(boris.id)}}, captain
        )
        ended = await next_message(removed, gone, wait=20)
        left = await activity_of(removed, chat_list, "ChatLeftActivity")
        await live.send(captain, chat.id, "После")
        again = await removed.subscribe(MESSAGES, {"chatId": str(chat.id), "after": before})
        refused = await removed.next_payload(again)

        assert await texts(staying, kept, 2) == ["До", "После"]
    assert ended == {"id": gone, "type": "complete"}
    assert left == {"__typename": "ChatLeftActivity", "chatId": str(chat.id)}
    assert refused["payload"]["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_disbanding_the_team_closes_its_chat(
    live: LiveChat, committed_database: Database
) -> None:
    (team, chat), (captain, player) = await team_chat(committed_database, 2)

    first = await live.send(captain, chat.id, "1")
    await live.send(captain, chat.id, "2")

    async with live.socket(player) as ws:
        messages = await live.subscribed(ws, MESSAGES, chatId=str(chat.id))
        chat_list = await live.subscribed(ws, ACTIVITY)
        await live.post(DISBAND, {"input": {"teamId": str(team.id)}}, captain)
        ended = await next_message(ws, messages, wait=20)
        closed = await activity_of(ws, chat_list, "ChatClosedActivity")
        history = await ws.subscribe(MESSAGES, {"chatId": str(chat.id), "after": first})
        replayed = await texts(ws, history, 1)
        then = await next_message(ws, history)

    assert ended == {"id": messages, "type": "complete"}
    assert (replayed, then) == (["2"], {"id": history, "type": "complete"}), "read-only now"
    assert closed["chat"]["id"] == str(chat.id)
    assert closed["chat"]["closedAt"] is not None


async def next_message(ws: GraphQLWebSocket, operation: str, wait: float = 5.0) -> dict[str, Any]:
    """The next protocol message of one operation (``next``, ``error`` or ``complete``)."""
    while True:
        message = await ws.receive(wait)
        if message.get("id") == operation:
            return message


async def activity_of(ws: GraphQLWebSocket, operation: str, typename: str) -> dict[str, Any]:
    while True:
        message = await next_message(ws, operation, wait=20)
        assert message["type"] == "next", message
        item: dict[str, Any] = message["payload"]["data"]["chatActivity"]
        if item["__typename"] == typename:
            return item


async def test_reconnecting_with_the_last_id_replays_exactly_what_was_missed(
    live: LiveChat, committed_database: Database
) -> None:
    (_, chat), (alice, boris) = await team_chat(committed_database, 2)
    async with live.socket(boris) as ws:
        operation = await live.subscribed(ws, MESSAGES, chatId=str(chat.id))
        seen = await live.send(alice, chat.id, "1")
        assert await texts(ws, operation, 1) == ["1"]
    missed = [await live.send(alice, chat.id, text) for text in ("2", "3", "4")]

    async with live.socket(boris) as ws:
        operation = await live.subscribed(ws, MESSAGES, chatId=str(chat.id), after=seen)
        replayed = await texts(ws, operation, 3)
        for late in await posted_envelopes(committed_database, missed):
            live.container.hub.publish(late)  # the stream delivering them after the replay
        await live.send(alice, chat.id, "5")
        following = await texts(ws, operation, 1)

    assert replayed == ["2", "3", "4"]
    assert following == ["5"], "replayed messages arriving live again are not repeated"


async def test_a_reconnect_after_a_long_absence_replays_in_batches(
    live: LiveChat, committed_database: Database
) -> None:
    (_, chat), (alice, boris) = await team_chat(committed_database, 2)
    first = await live.send(alice, chat.id, "0")
    async with committed_database.transaction() as session:
        locked = await session.get(Chat, chat.id)
        assert locked is not None
        for n in range(1, 131):
            await create_message(session, chat=locked, sender=alice, text=str(n))

    async with live.socket(boris) as ws:
        operation = await ws.subscribe(MESSAGES, {"chatId": str(chat.id), "after": first})
        replayed = await texts(ws, operation, 130)

    assert replayed == [str(n) for n in range(1, 131)]


async def test_an_unknown_after_id_is_a_bad_request(
    live: LiveChat, committed_database: Database
) -> None:
    (_, chat), (alice,) = await team_chat(committed_database, 1)
    (_, other_chat), (bob,) = await team_chat(committed_database, 1)
    elsewhere = await live.send(bob, other_chat.id, "чужое")

    async with live.socket(alice) as ws:
        codes = []
        for after in (elsewhere, "nonsense"):
            operation = await ws.subscribe(MESSAGES, {"chatId": str(chat.id), "after": after})
            payload = (await ws.next_payload(operation))["payload"]
            codes.append(payload["errors"][0]["extensions"]["code"])

    assert codes == ["BAD_USER_INPUT", "BAD_USER_INPUT"]


async def test_chat_activity_feeds_the_chat_list(
    live: LiveChat, committed_database: Database
) -> None:
    (_, chat), (alice, boris) = await team_chat(committed_database, 2)

    async with live.socket(boris) as ws:
        operation = await live.subscribed(ws, ACTIVITY)
        message_id = await live.send(alice, chat.id, "Привет")
        posted = await ws.next_payload(operation)
        await live.post(TYPING, {"input": {"chatId": str(chat.id)}}, alice)
        typing = await ws.next_payload(operation)
        await live.post(MARK, {"input": {"chatId": str(chat.id), "messageId": message_id}}, boris)
        read = await ws.next_payload(operation)

    assert posted["payload"]["data"]["chatActivity"] == {
        "__typename": "ChatMessageActivity",
        "change": "POSTED",
        "chat": {"id": str(chat.id), "unreadCount": 1},
        "chatMessage": {"id": message_id, "text": "Привет"},
    }
    assert typing["payload"]["data"]["chatActivity"]["__typename"] == "ChatTypingActivity"
    assert typing["payload"]["data"]["chatActivity"]["user"] == {"id": str(alice.id)}
    assert read["payload"]["data"]["chatActivity"] == {
        "__typename": "ChatReadActivity",
        "chat": {"id": str(chat.id), "unreadCount": 0},
    }


TYPING = "mutation($input: SetTypingInput!) { setTyping(input: $input) { __typename } }"
MARK = "mutation($input: MarkChatReadInput!) { markChatRead(input: $input) { __typename } }"


async def test_sockets_hold_no_database_connection_between_events(
    settings: Settings,
    committed_database: Database,
    dev_issuer: DevIssuer,
    clock: TestClock,
    live_server: LiveServer,
) -> None:
    """Two subscriptions and a query share one socket; an event reaches both subscriptions at
    once. The app has a pool of its own (no runtime), fed by hand, so it can be watched."""
    (_, chat), (alice, boris) = await team_chat(committed_database, 2)
    url = committed_database.engine.url.render_as_string(hide_password=False)
    app_db = Database(create_engine(url, DatabaseSettings()))
    try:
        async with (
            live_chat(
                settings,
                app_db,
                dev_issuer,
                clock,
                live_server,
                relay=False,
                workers=False,
                hub=False,
            ) as live,
            live.socket(boris) as ws,
        ):
            messages = await live.subscribed(ws, MESSAGES, chatId=str(chat.id))
            activity = await live.subscribed(ws, ACTIVITY)
            me = await ws.subscribe("query { me { id } }")
            message_id = await live.send(alice, chat.id, "Привет")
            [envelope] = await posted_envelopes(committed_database, [message_id])
            live.container.hub.publish(envelope)
            received = await collect(ws, {messages, activity, me})
            await until(lambda: app_db.engine.pool.checkedout() == 0)
    finally:
        await app_db.dispose()

    assert received[me]["data"] == {"me": {"id": str(boris.id)}}
    assert received[messages]["data"]["chatMessageAdded"]["id"] == message_id
    assert received[activity]["data"]["chatActivity"]["chatMessage"]["id"] == message_id


async def collect(ws: GraphQLWebSocket, operations: set[str]) -> dict[str, dict[str, Any]]:
    """The first ``next`` payload of each operation, in whatever order they arrive."""
    received: dict[str, dict[str, Any]] = {}
    while set(received) != operations:
        message = await ws.receive()
        if message.get("type") == "next" and message["id"] in operations:
            received.setdefault(message["id"], message["payload"])
    return received
