"""notificationPreferences, updateNotificationPreferences: per type and channel, with defaults."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.notifications.catalogue import CATALOGUE, NotificationType
from app.notifications.events import NotificationPreferencesUpdated
from app.notifications.models import NotificationPreference
from tests.factories import create_user
from tests.fixtures.app import GQL

PREFERENCES = "query { notificationPreferences { type label inApp email push } }"
UPDATE = """
mutation Update($input: UpdateNotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) {
    __typename
    ... on UpdateNotificationPreferencesPayload { preferences { type inApp email push } }
    ... on ValidationFailed { fields { path code } }
  }
}
"""


async def stored(session: AsyncSession) -> list[tuple[str, str, bool]]:
    rows = await session.execute(
        select(
            NotificationPreference.type,
            NotificationPreference.channel,
            NotificationPreference.enabled,
        ).order_by(NotificationPreference.type, NotificationPreference.channel)
    )
    return [(kind, channel.value, enabled) for kind, channel, enabled in rows.all()]


async def test_defaults_for_every_type(gql: GQL, session: AsyncSession) -> None:
    me = await create_user(session)

    response = await gql(PREFERENCES, as_user=me)

    assert response.data["notificationPreferences"] == [
        {
            "type": kind.value,
            "label": info.label,
            "inApp": True,
            "email": info.email,
            "push": info.push,
        }
        for kind, info in CATALOGUE.items()
    ]
    assert [p["type"] for p in response.data["notificationPreferences"]] == [
        kind.value for kind in NotificationType
    ]


async def test_changing_some_channels_leaves_the_rest(gql: GQL, session: AsyncSession) -> None:
    me = await create_user(session)
    other = await create_user(session)
    changes: list[dict[str, Any]] = [
        {"type": "TEAM_DISBANDED", "email": False, "push": False},
        {"type": "TEAM_INVITATION_ANSWERED", "email": True},
    ]

    response = await gql(UPDATE, {"input": {"preferences": changes}}, as_user=me)

    updated = {p["type"]: p for p in response.data["updateNotificationPreferences"]["preferences"]}
    assert updated["TEAM_DISBANDED"] == {
        "type": "TEAM_DISBANDED",
        "inApp": True,
        "email": False,
        "push": False,
    }
    assert updated["TEAM_INVITATION_ANSWERED"]["email"] is True
    assert await stored(session) == [
        ("TEAM_DISBANDED", "EMAIL", False),
        ("TEAM_DISBANDED", "PUSH", False),
        ("TEAM_INVITATION_ANSWERED", "EMAIL", True),
    ]
    others = await gql(PREFERENCES, as_user=other)
    assert {p["type"]: p["email"] for p in others.data["notificationPreferences"]}[
        "TEAM_DISBANDED"
    ] is True
    [event] = await session.scalars(
        select(OutboxEvent).where(OutboxEvent.type == NotificationPreferencesUpdated.type)
    )
    assert to_envelope(event).event() == NotificationPreferencesUpdated(
        user_id=me.id,
        changes=[
            "TEAM_DISBANDED:EMAIL:off",
            "TEAM_DISBANDED:PUSH:off",
            "TEAM_INVITATION_ANSWERED:EMAIL:on",
        ],
        via="SETTINGS",
    )


async def test_a_type_named_twice_is_refused(gql: GQL, session: AsyncSession) -> None:
    me = await create_user(session)
    changes = [{"type": "WELCOME", "email": False}, {"type": "WELCOME", "email": True}]

    response = await gql(UPDATE, {"input": {"preferences": changes}}, as_user=me)

    assert response.data["updateNotificationPreferences"] == {
        "__typename": "ValidationFailed",
        "fields": [{"path": "preferences.1.type", "code": "DUPLICATE"}],
    }
    assert await stored(session) == []
    events = await session.scalars(
        select(OutboxEvent.type).where(OutboxEvent.type.startswith("notification."))
    )
    assert events.all() == []
