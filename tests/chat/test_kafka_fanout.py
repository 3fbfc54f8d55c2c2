"""Fan-out through Kafka (Tansu): two API instances in one process share a database and a
broker. Instance A only relays its outbox; instance B only feeds its hub from Kafka, so what
B's subscribers receive can only have come through the broker."""

from __future__ import annotations

import uuid

import pytest

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.settings import Settings
from tests.chat.live import ACTIVITY, MESSAGES, live_chat
from tests.chat.test_live_chat import activity_of, team_chat
from tests.events.support import event_settings
from tests.fixtures.app import TestClock
from tests.fixtures.kafka import TansuBroker
from tests.fixtures.live import LiveServer

pytestmark = pytest.mark.slow

TYPING = "mutation($input: SetTypingInput!) { setTyping(input: $input) { __typename } }"


async def test_a_message_sent_through_one_instance_reaches_a_subscriber_on_another(
    settings: Settings,
    committed_database: Database,
    dev_issuer: DevIssuer,
    clock: TestClock,
    live_server: LiveServer,
    kafka_broker: TansuBroker,
) -> None:
    config = event_settings(settings, kafka_broker.address)
    (_, chat), (alice, boris) = await team_chat(committed_database, 2)
    parts = {"db": committed_database, "issuer": dev_issuer, "clock": clock, "start": live_server}

    async with (
        live_chat(config, **parts, relay=True, workers=False, hub=False) as a,
        live_chat(config, **parts, relay=False, workers=False, hub=True) as b,
        b.socket(boris) as ws,
    ):
        messages = await b.subscribed(ws, MESSAGES, chatId=str(chat.id))
        activity = await b.subscribed(ws, ACTIVITY)
        message_id = await a.send(alice, chat.id, "Через Kafka")
        received = await ws.next_payload(messages, wait=30)
        await a.post(TYPING, {"input": {"chatId": str(chat.id)}}, alice)
        typing = await activity_of(ws, activity, "ChatTypingActivity")

    assert received["payload"]["data"]["chatMessageAdded"] == {
        "id": message_id,
        "text": "Через Kafka",
        "author": {"id": str(alice.id)},
    }
    assert typing["user"] == {"id": str(alice.id)}, "typing travels through Kafka, unstored"
    assert uuid.UUID(typing["chatId"]) == chat.id
