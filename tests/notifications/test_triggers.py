"""Which team and user events notify whom, with which texts, links and channels.

Each test makes the change through the API, then hands the resulting outbox events to the
notifications worker's handlers, as its consumer would.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Identity
from app.db import Database
from app.events.models import OutboxEvent
from app.notifications.catalogue import Channel
from app.notifications.events import NotificationCreated
from app.notifications.models import Notification, NotificationPreference
from app.teams.models import Team
from app.users import service as users
from app.users.models import User
from tests.factories import (
    add_member,
    create_application,
    create_invitation,
    create_push_subscription,
    create_team,
    create_user,
)
from tests.fixtures.app import GQL, TestClock
from tests.notifications.notices import after, mutation, notices
from tests.notifications.support import handle_outbox, outbox_position


async def captain_and_team(session: AsyncSession) -> tuple[User, Team]:
    captain = await create_user(session, name="Капитан Смирнов")
    return captain, await create_team(session, captain=captain, name="Ракета")


async def test_an_application_notifies_the_captain(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    captain, team = await captain_and_team(session)
    player = await create_user(session, name="Лёша Иванов")

    found = await after(
        gql, database, session, clock, mutation("applyToTeam"), {"teamId": str(team.id)}, player
    )

    assert found == [
        {
            "to": captain.id,
            "type": "TEAM_APPLICATION_RECEIVED",
            "title": "Новая заявка в команду «Ракета»",
            "body": "Лёша Иванов хочет вступить в команду «Ракета».",
            "link": f"/teams/{team.slug}/manage",
            "in_app": True,
            "channels": [Channel.EMAIL],
        }
    ]
    [notification] = (await session.scalars(select(Notification))).all()
    assert (notification.entity_type, notification.entity_id) == ("team", team.id)
    created = await session.scalar(
        select(OutboxEvent).where(OutboxEvent.type == NotificationCreated.type)
    )
    assert created is not None
    assert created.payload["notification_id"] == str(notification.id)


async def test_decisions_notify_the_applicant(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    captain, team = await captain_and_team(session)
    declined = await create_application(session, team=team)
    accepted = await create_application(session, team=team)
    decide = mutation("decideTeamApplication")

    await after(
        gql,
        database,
        session,
        clock,
        decide,
        {"applicationId": str(declined.id), "decision": "DECLINE", "reason": "Нет мест"},
        captain,
    )
    found = await after(
        gql,
        database,
        session,
        clock,
        decide,
        {"applicationId": str(accepted.id), "decision": "ACCEPT"},
        captain,
    )

    assert [(n["to"], n["title"], n["body"]) for n in found] == [
        (
            declined.user_id,
            "Заявка в команду «Ракета» отклонена",
            "Команда «Ракета» отклонила вашу заявку. Причина: Нет мест",
        ),
        (
            accepted.user_id,
            "Заявка в команду «Ракета» принята",
            "Добро пожаловать в команду «Ракета»!",
        ),
    ]
    assert {n["link"] for n in found} == {f"/teams/{team.slug}"}


async def test_an_invitation_and_its_answer(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    captain, team = await captain_and_team(session)
    invitee = await create_user(session, name="Оля Котова")

    invited = await after(
        gql,
        database,
        session,
        clock,
        mutation("inviteToTeam"),
        {"teamId": str(team.id), "userId": str(invitee.id), "role": "COACH"},
        captain,
    )
    [invitation_id] = (
        await session.scalars(
            select(OutboxEvent.payload["invitation_id"].astext).where(
                OutboxEvent.type == "team.invitation_sent"
            )
        )
    ).all()
    answered = await after(
        gql,
        database,
        session,
        clock,
        mutation("respondToTeamInvitation"),
        {"invitationId": invitation_id, "answer": "ACCEPT"},
        invitee,
    )

    assert invited == [
        {
            "to": invitee.id,
            "type": "TEAM_INVITATION_RECEIVED",
            "title": "Приглашение в команду «Ракета»",
            "body": "Капитан Смирнов приглашает вас в команду «Ракета» в роли тренера.",
            "link": f"/teams/{team.slug}",
            "in_app": True,
            "channels": [Channel.EMAIL],
        }
    ]
    assert answered[1:] == [
        {
            "to": captain.id,
            "type": "TEAM_INVITATION_ANSWERED",
            "title": "Приглашение в команду «Ракета» принято",
            "body": "Оля Котова принимает приглашение и теперь в команде «Ракета».",
            "link": f"/teams/{team.slug}/manage",
            "in_app": True,
            "channels": [],
        }
    ]


async def test_a_declined_invitation_tells_the_current_captain(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    founder, team = await captain_and_team(session)
    invitee = await create_user(session, name="Петя")
    invitation = await create_invitation(session, team=team, invited_by=founder, user=invitee)
    successor = await add_member(session, team=team)
    await after(
        gql,
        database,
        session,
        clock,
        mutation("transferCaptaincy"),
        {"teamId": str(team.id), "userId": str(successor.id)},
        founder,
    )

    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("respondToTeamInvitation"),
        {"invitationId": str(invitation.id), "answer": "DECLINE"},
        invitee,
    )

    assert [(n["to"], n["type"]) for n in found] == [
        (successor.id, "TEAM_CAPTAINCY_RECEIVED"),
        (successor.id, "TEAM_INVITATION_ANSWERED"),
    ]
    assert found[0]["body"] == "Капитан Смирнов передаёт вам капитанство в команде «Ракета»."
    assert found[1]["body"] == "Петя отклоняет приглашение в команду «Ракета»."


async def test_removal_notifies_the_member_and_leaving_notifies_nobody(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    captain, team = await captain_and_team(session)
    removed = await add_member(session, team=team)
    leaver = await add_member(session, team=team)

    await after(
        gql, database, session, clock, mutation("leaveTeam"), {"teamId": str(team.id)}, leaver
    )
    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("removeTeamMember"),
        {"teamId": str(team.id), "userId": str(removed.id)},
        captain,
    )

    assert [(n["to"], n["type"], n["title"]) for n in found] == [
        (removed.id, "TEAM_MEMBER_REMOVED", "Вы больше не в команде «Ракета»")
    ]


async def test_disbanding_notifies_every_member_but_the_captain(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    captain, team = await captain_and_team(session)
    members = [await add_member(session, team=team) for _ in range(3)]

    found = await after(
        gql, database, session, clock, mutation("disbandTeam"), {"teamId": str(team.id)}, captain
    )

    assert sorted(n["to"] for n in found) == sorted(m.id for m in members)
    assert {(n["type"], n["title"]) for n in found} == {
        ("TEAM_DISBANDED", "Команда «Ракета» распущена")
    }


async def test_a_new_user_is_welcomed(
    database: Database, session: AsyncSession, clock: TestClock
) -> None:
    position = await outbox_position(session)
    identity = Identity("welcome-1", "newbie", "newbie@example.test", "Новичок", frozenset())
    user = await users.provision(session, identity)
    await session.flush()

    await handle_outbox(database, session, clock, after=position)

    [welcome] = await notices(session)
    assert welcome == {
        "to": user.id,
        "type": "WELCOME",
        "title": "Добро пожаловать в ProDvor!",
        "body": (
            "Новичок, здесь собираются команды, матчи и турниры вашего двора. "
            "Заполните профиль и найдите команду."
        ),
        "link": "/dashboard",
        "in_app": True,
        "channels": [Channel.EMAIL],
    }


async def test_channels_follow_preferences_and_push_subscriptions(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    captain, team = await captain_and_team(session)
    quiet = await create_user(session)
    await add_member(session, team=team, user=quiet)
    phones = await add_member(session, team=team)
    await create_push_subscription(session, user=phones)
    await create_push_subscription(session, user=phones)
    silent = await add_member(session, team=team)
    no_email = await add_member(session, team=team)
    no_email.email = None
    for user, channels in ((quiet, [Channel.IN_APP]), (silent, list(Channel))):
        for channel in channels:
            session.add(
                NotificationPreference(
                    user_id=user.id, type="TEAM_DISBANDED", channel=channel, enabled=False
                )
            )
    await session.flush()

    found = await after(
        gql, database, session, clock, mutation("disbandTeam"), {"teamId": str(team.id)}, captain
    )

    by_user = {n["to"]: (n["in_app"], n["channels"]) for n in found}
    assert by_user == {
        quiet.id: (False, [Channel.EMAIL]),
        phones.id: (True, [Channel.EMAIL, Channel.PUSH, Channel.PUSH]),
        no_email.id: (True, []),
    }
    created_for = (
        await session.scalars(
            select(OutboxEvent.key).where(OutboxEvent.type == NotificationCreated.type)
        )
    ).all()
    assert sorted(created_for) == sorted([str(phones.id), str(no_email.id)])
