"""Running a mutation and reading what the notifications worker made of its events."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database, utcnow
from app.notifications import mail
from app.notifications.models import Notification, NotificationDelivery
from app.settings import AppEnv, Settings
from app.users.models import User
from tests.fixtures.app import GQL, TestClock
from tests.notifications.support import handle_outbox, outbox_position

SETTINGS = Settings(app_env=AppEnv.TEST)


async def notices(session: AsyncSession) -> list[dict[str, Any]]:
    """Every notification with its delivery channels, in creation order.

    Each one's email is also rendered from its type's templates with the data its trigger
    stored, so a template that needs a value the trigger does not give fails here.
    """
    rows = (await session.scalars(select(Notification).order_by(Notification.created_at))).all()
    out = []
    for n in rows:
        renders(n, await session.get_one(User, n.recipient_id))
        channels = (
            await session.scalars(
                select(NotificationDelivery.channel).where(
                    NotificationDelivery.notification_id == n.id
                )
            )
        ).all()
        out.append(
            {
                "to": n.recipient_id,
                "type": n.type,
                "title": n.title,
                "body": n.body,
                "link": n.link,
                "in_app": n.in_app,
                "channels": sorted(channels),
            }
        )
    return out


async def after(
    gql: GQL,
    database: Database,
    session: AsyncSession,
    clock: TestClock,
    document: str,
    variables: dict[str, Any],
    user: User,
) -> list[dict[str, Any]]:
    """Run one mutation, let the worker handle what it emitted, return what was notified."""
    position = await outbox_position(session)
    response = await gql(document, {"input": variables}, as_user=user)
    assert response.errors is None, response.errors
    payload = next(iter(response.data.values()))
    assert payload["__typename"].endswith("Payload"), payload
    await handle_outbox(database, session, clock, after=position)
    clock.advance(timedelta(seconds=1))
    return await notices(session)


def renders(notification: Notification, recipient: User) -> None:
    message = mail.compose(
        notification, recipient, "to@example.test", settings=SETTINGS, key=b"key", now=utcnow()
    )
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    assert notification.body in text.get_content()
    assert str(escape(notification.title)) in html.get_content()


def mutation(name: str) -> str:
    input_type = name[0].upper() + name[1:] + "Input"
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ __typename }} }}"
