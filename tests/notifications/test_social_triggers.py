"""Friend requests, their acceptance, resolved reports and warnings reach the right people."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.db import Database
from tests.factories import create_user, create_user_report
from tests.fixtures.app import GQL, TestClock
from tests.notifications.notices import after, mutation


def brief(found: list[dict[str, Any]]) -> list[tuple[Any, str, str, str]]:
    return [(n["to"], n["type"], n["body"], n["link"]) for n in found]


async def test_a_friend_request_and_its_acceptance(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    alice = await create_user(session, name="Алиса")
    boris = await create_user(session, name="Борис")

    await after(
        gql,
        database,
        session,
        clock,
        mutation("sendFriendRequest"),
        {"userId": str(boris.id)},
        alice,
    )
    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("sendFriendRequest"),
        {"userId": str(alice.id)},
        boris,
    )

    assert brief(found) == [
        (
            boris.id,
            "FRIEND_REQUEST_RECEIVED",
            "Игрок Алиса хочет добавить вас в друзья.",
            "/friends",
        ),
        (
            alice.id,
            "FRIEND_REQUEST_ACCEPTED",
            "Борис теперь в списке ваших друзей.",
            f"/users/{boris.id}",
        ),
    ]


async def test_a_warning_reaches_the_offender_and_the_outcome_the_reporter(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    moderator = await create_user(session, roles=[Role.MODERATOR])
    reporter = await create_user(session)
    offender = await create_user(session, name="Хулиган")
    report = await create_user_report(session, reporter=reporter, reported=offender)

    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("resolveUserReport"),
        {"reportId": str(report.id), "action": "WARN", "note": "Без оскорблений"},
        moderator,
    )

    found.sort(key=lambda n: str(n["type"]))
    assert [(n["to"], n["type"]) for n in found] == [
        (offender.id, "MODERATION_WARNING"),
        (reporter.id, "USER_REPORT_RESOLVED"),
    ]
    assert "Причина: Без оскорблений" in found[0]["body"]
    assert found[1]["body"] == (
        "Жалоба на игрока Хулиган рассмотрена модератором: игрок получил предупреждение."
    )
