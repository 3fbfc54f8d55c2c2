"""``notificationAdded`` over a real WebSocket, fed by the worker through the outbox and hub."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.notifications.catalogue import Channel, NotificationType
from app.notifications.models import NotificationPreference
from app.users.models import User
from tests.factories import create_team, create_user
from tests.fixtures.app import token_for
from tests.fixtures.live import LiveServer
from tests.fixtures.ws import connect, until_subscribed
from tests.notifications.conftest import StartLive

ADDED = "subscription { notificationAdded { type title body link isRead } }"
APPLY = "mutation Apply($input: ApplyToTeamInput!) { applyToTeam(input: $input) { __typename } }"
DECIDE = """
mutation Decide($input: DecideTeamApplicationInput!) {
  decideTeamApplication(input: $input) {
    __typename
    ... on DecideTeamApplicationPayload { application { id } }
  }
}
"""
MY_APPLICATIONS = "query { myTeamApplications { nodes { id } } }"


async def without_welcome(session: AsyncSession, user: User) -> User:
    """The greeting every new user gets would otherwise race the notices under test."""
    for channel in Channel:
        session.add(
            NotificationPreference(
                user_id=user.id, type=NotificationType.WELCOME, channel=channel, enabled=False
            )
        )
    await session.flush()
    return user


async def test_each_user_receives_their_own_notifications_live(
    live_app: StartLive, committed_database: Database, live_server: LiveServer
) -> None:
    async with committed_database.transaction() as session:
        captain = await without_welcome(session, await create_user(session))
        team = await create_team(session, captain=captain, name="Молния")
        player = await without_welcome(session, await create_user(session, name="Игорь Быстров"))
    live = await live_app(hub=True)
    await asyncio.wait_for(live.container.events.hub_ready.wait(), 20)
    address = await live_server(live.app)

    async with connect(address) as captain_ws, connect(address) as player_ws:
        await captain_ws.init({"authorization": f"Bearer {token_for(live.issuer, captain)}"})
        await player_ws.init({"authorization": f"Bearer {token_for(live.issuer, player)}"})
        captain_op = await captain_ws.subscribe(ADDED)
        player_op = await player_ws.subscribe(ADDED)
        await until_subscribed(live.container.hub, 2)

        await live.gql(APPLY, {"input": {"teamId": str(team.id)}}, player)
        to_captain = await captain_ws.next_payload(captain_op, wait=30)
        [application] = (await live.gql(MY_APPLICATIONS, {}, player))["myTeamApplications"]["nodes"]
        decision = {
            "applicationId": application["id"],
            "decision": "DECLINE",
            "reason": "Состав полон",
        }
        await live.gql(DECIDE, {"input": decision}, captain)
        to_player = await player_ws.next_payload(player_op, wait=30)

    assert to_captain["payload"]["data"]["notificationAdded"] == {
        "type": "TEAM_APPLICATION_RECEIVED",
        "title": "Новая заявка в команду «Молния»",
        "body": "Игорь Быстров хочет вступить в команду «Молния».",
        "link": f"/teams/{team.slug}/manage",
        "isRead": False,
    }
    assert to_player["payload"]["data"]["notificationAdded"] == {
        "type": "TEAM_APPLICATION_DECIDED",
        "title": "Заявка в команду «Молния» отклонена",
        "body": "Команда «Молния» отклонила вашу заявку. Причина: Состав полон",
        "link": f"/teams/{team.slug}",
        "isRead": False,
    }
