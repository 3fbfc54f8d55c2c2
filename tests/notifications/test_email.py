"""Email end to end: a confirmed match result, the workers, the sending loop, a real SMTP server.

The player's team reported 2:1, the opponent's captain confirms it through the API; the
notifications worker writes every member's notice and the sending loop mails them.
"""

from __future__ import annotations

from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from app.db import Database, utcnow
from app.matches.models import Match, MatchReport, MatchStatus
from app.notifications.catalogue import Channel, NotificationType
from app.notifications.models import DeliveryStatus, Notification, NotificationDelivery
from app.teams.models import Team
from app.users.models import User
from tests.factories import add_member, create_match, create_sport, create_team, create_user
from tests.notifications.conftest import Live, StartLive
from tests.notifications.support import SmtpSink, eventually, self_signed_certificate

REPORT = """
mutation Report($input: ReportMatchResultInput!) {
  reportMatchResult(input: $input) { __typename ... on MatchPayload { match { status } } }
}
"""
SASHA = "Саша Петров <sasha@example.test>"


@dataclass
class Reported:
    """A match the player's team has reported; the opponent's captain has yet to confirm."""

    team: Team
    match: Match
    opponent_captain: User


async def arrange(
    db: Database, team_name: str, player: User | None = None
) -> tuple[Reported, User]:
    async with db.transaction() as session:
        sport = await create_sport(session)
        captain = await create_user(session, name="Капитан Кузнецов")
        team = await create_team(session, captain=captain, name=team_name, sport=sport)
        player = player or await create_user(session, username="sasha", name="Саша Петров")
        await add_member(session, team=team, user=player)
        opponent_captain = await create_user(session)
        opponent = await create_team(
            session, captain=opponent_captain, name="Северные Волки", sport=sport
        )
        match = await create_match(
            session, home=team, away=opponent, status=MatchStatus.AWAITING_CONFIRMATION
        )
        session.add(
            MatchReport(
                match_id=match.id,
                team_id=team.id,
                home_score=2,
                away_score=1,
                reported_by_id=captain.id,
                reported_at=utcnow(),
            )
        )
    return Reported(team, match, opponent_captain), player


async def confirm(live: Live, reported: Reported) -> None:
    values = {"matchId": str(reported.match.id), "ourScore": 1, "theirScore": 2}
    data = await live.gql(REPORT, {"input": values}, reported.opponent_captain)
    assert data["reportMatchResult"]["match"]["status"] == "CONFIRMED"


def about(sink: SmtpSink, subject_part: str, to: str = SASHA) -> list[Any]:
    return [m for m in sink.messages if subject_part in str(m["Subject"]) and m["To"] == to]


async def result_emails(db: Database, user: User) -> list[NotificationDelivery]:
    async with db.session() as session:
        stmt = (
            select(NotificationDelivery)
            .join(Notification, Notification.id == NotificationDelivery.notification_id)
            .where(
                NotificationDelivery.recipient_id == user.id,
                NotificationDelivery.channel == Channel.EMAIL,
                Notification.type == NotificationType.MATCH_RESULT_CONFIRMED,
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
    reported, player = await arrange(committed_database, "Дворовые Львы")
    with sink.running():
        live = await live_app(mail=mail)

        await confirm(live, reported)
        [message] = await eventually(lambda: about(sink, "подтверждён"))

        assert message["To"] == SASHA
        assert message["From"] == "ProDvor <noreply@prodvor.test>"
        assert (
            message["Subject"] == "Результат матча «Дворовые Львы» — «Северные Волки» подтверждён"
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        assert "Здравствуйте, Саша Петров!" in text
        assert "итоговый счёт 2:1. Победа «Дворовые Львы»." in text
        link = f"http://localhost:3000/matches/{reported.match.id}"
        assert link in text
        assert f'href="{link}"' in html
        unsubscribe_url = str(message["List-Unsubscribe"]).strip("<>")
        assert unsubscribe_url in text

        await _unsubscribe(live, unsubscribe_url)
        second = await _confirmed_again(live, committed_database, player)

        assert [d.status for d in await result_emails(committed_database, player)] == [
            DeliveryStatus.SENT
        ]
        assert second.in_app
        assert len(about(sink, "подтверждён")) == 1


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


async def _confirmed_again(live: Live, db: Database, player: User) -> Notification:
    """Another team of the player's wins: the in-app notice comes, the email does not."""
    reported, _ = await arrange(db, "Южные Тигры", player)
    await confirm(live, reported)

    async def notified() -> Notification | None:
        async with db.session() as session:
            stmt = select(Notification).where(
                Notification.recipient_id == player.id, Notification.title.contains("Тигры")
            )
            return await session.scalar(stmt)

    return await eventually(notified)


async def test_without_an_smtp_host_emails_are_written_as_eml_files(
    live_app: StartLive, committed_database: Database, tmp_path: Path
) -> None:
    outbox = tmp_path / "mail"
    reported, _ = await arrange(committed_database, "Файловая")
    live = await live_app(mail={"outbox_dir": outbox})

    await confirm(live, reported)

    [message] = await eventually(
        lambda: [m for m in _read(outbox) if m["To"] == SASHA and "Файловая" in m["Subject"]]
    )
    assert message["Subject"] == "Результат матча «Файловая» — «Северные Волки» подтверждён"


def _read(outbox: Path) -> list[EmailMessage]:
    if not outbox.exists():
        return []
    messages = []
    for path in outbox.glob("*.eml"):
        parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        messages.append(parsed)
    return messages
