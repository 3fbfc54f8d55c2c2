"""Email end to end: a team event, the worker, the sending loop, a real SMTP server.

The issue names a confirmed match result; matches do not exist yet, so a captain's decision
on an application (the same path: event -> notification -> delivery -> SMTP) stands in.
"""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from app.db import Database
from app.notifications.catalogue import Channel, NotificationType
from app.notifications.models import DeliveryStatus, Notification, NotificationDelivery
from app.teams.models import Team, TeamApplication
from app.users.models import User
from tests.factories import create_application, create_team, create_user
from tests.notifications.conftest import Live, StartLive
from tests.notifications.support import SmtpSink, eventually, self_signed_certificate

DECIDE = """
mutation Decide($input: DecideTeamApplicationInput!) {
  decideTeamApplication(input: $input) { __typename }
}
"""


async def arrange(db: Database, team_name: str) -> tuple[User, Team, TeamApplication, User]:
    async with db.transaction() as session:
        captain = await create_user(session, name="Капитан Кузнецов")
        team = await create_team(session, captain=captain, name=team_name)
        player = await create_user(session, username="sasha", name="Саша Петров")
        application = await create_application(session, team=team, user=player)
    return captain, team, application, player


async def accept(live: Live, captain: User, application: TeamApplication) -> None:
    variables = {"input": {"applicationId": str(application.id), "decision": "ACCEPT"}}
    data = await live.gql(DECIDE, variables, captain)
    assert data["decideTeamApplication"]["__typename"] == "DecideTeamApplicationPayload"


def about(sink: SmtpSink, subject_part: str) -> list[Any]:
    return [m for m in sink.messages if subject_part in str(m["Subject"])]


async def decision_emails(db: Database, user: User) -> list[NotificationDelivery]:
    async with db.session() as session:
        stmt = (
            select(NotificationDelivery)
            .join(Notification, Notification.id == NotificationDelivery.notification_id)
            .where(
                NotificationDelivery.recipient_id == user.id,
                NotificationDelivery.channel == Channel.EMAIL,
                Notification.type == NotificationType.TEAM_APPLICATION_DECIDED,
            )
        )
        return list((await session.scalars(stmt)).all())


@pytest.mark.parametrize("security", ["plain", "starttls+auth"])
async def test_the_player_gets_an_email_and_can_unsubscribe_from_the_next(
    live_app: StartLive, committed_database: Database, tmp_path: Path, security: str
) -> None:
    certificate = self_signed_certificate(tmp_path) if security != "plain" else None
    credentials = ("prodvor", "пароль-123") if security != "plain" else None
    sink = SmtpSink(certificate=certificate, credentials=credentials)
    mail: dict[str, Any] = {
        "smtp_host": "127.0.0.1",
        "smtp_port": sink.port,
        "smtp_starttls": certificate is not None,
        "from_address": "ProDvor <noreply@prodvor.test>",
    }
    if certificate is not None and credentials is not None:
        mail |= {
            "smtp_ca_file": certificate.cert_file,
            "smtp_username": credentials[0],
            "smtp_password": SecretStr(credentials[1]),
        }
    captain, team, application, player = await arrange(committed_database, "Дворовые Львы")
    with sink.running():
        live = await live_app(mail=mail)

        await accept(live, captain, application)
        [message] = await eventually(lambda: about(sink, "принята"))

        assert message["To"] == "Саша Петров <sasha@example.test>"
        assert message["From"] == "ProDvor <noreply@prodvor.test>"
        assert message["Subject"] == "Заявка в команду «Дворовые Львы» принята"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        assert "Здравствуйте, Саша Петров!" in text
        assert f"http://localhost:3000/teams/{team.slug}" in text
        assert f'href="http://localhost:3000/teams/{team.slug}"' in html
        unsubscribe_url = str(message["List-Unsubscribe"]).strip("<>")
        assert unsubscribe_url in text

        await _unsubscribe(live, unsubscribe_url)
        second = await _decided_again(live, committed_database, player)

        assert [d.status for d in await decision_emails(committed_database, player)] == [
            DeliveryStatus.SENT
        ]
        assert second.in_app
        assert len(about(sink, "принята")) == 1


async def _unsubscribe(live: Live, url: str) -> None:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == "http://testserver"
    path = f"{parts.path}?{parts.query}"

    page = await live.client.get(path)
    assert page.status_code == 200
    assert "Отписаться" in page.text

    done = await live.client.post(
        path,
        content="List-Unsubscribe=One-Click",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert done.status_code == 200
    assert "Вы отписались" in done.text


async def _decided_again(live: Live, db: Database, player: User) -> Notification:
    """Another team accepts the same player: the in-app notice comes, the email does not."""
    async with db.transaction() as session:
        captain = await create_user(session)
        team = await create_team(session, captain=captain, name="Северные Волки")
        application = await create_application(session, team=team, user=player)
    await accept(live, captain, application)

    async def notified() -> Notification | None:
        async with db.session() as session:
            stmt = select(Notification).where(
                Notification.recipient_id == player.id, Notification.title.contains("Волки")
            )
            return await session.scalar(stmt)

    return await eventually(notified)


async def test_without_an_smtp_host_emails_are_written_as_eml_files(
    live_app: StartLive, committed_database: Database, tmp_path: Path
) -> None:
    outbox = tmp_path / "mail"
    captain, _, application, _ = await arrange(committed_database, "Файловая")
    live = await live_app(mail={"outbox_dir": outbox})

    await accept(live, captain, application)

    [message] = await eventually(lambda: [m for m in _read(outbox) if "принята" in m["Subject"]])
    assert message["To"] == "Саша Петров <sasha@example.test>"
    assert message["Subject"] == "Заявка в команду «Файловая» принята"


def _read(outbox: Path) -> list[EmailMessage]:
    if not outbox.exists():
        return []
    messages = []
    for path in outbox.glob("*.eml"):
        parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        messages.append(parsed)
    return messages
