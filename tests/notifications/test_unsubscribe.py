"""The signed unsubscribe link: a page on GET, unsubscribing on POST, no login."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.notifications import unsubscribe
from app.notifications.catalogue import NotificationType
from app.notifications.events import NotificationPreferencesUpdated
from app.notifications.models import NotificationPreference
from app.settings import AppEnv, NotificationSettings, Settings
from app.users.models import User
from tests.factories import create_user

KIND = NotificationType.TEAM_APPLICATION_RECEIVED
ONE_CLICK = {
    "content": "List-Unsubscribe=One-Click",
    "headers": {"content-type": "application/x-www-form-urlencoded"},
}


def path_for(settings: Settings, user: User, kind: NotificationType = KIND) -> str:
    token = unsubscribe.make_token(unsubscribe.signing_key(settings), user.id, kind)
    return f"{unsubscribe.PATH}?token={token}"


async def state(session: AsyncSession) -> tuple[list[tuple[str, str, bool]], list[str]]:
    prefs = await session.execute(
        select(
            NotificationPreference.type,
            NotificationPreference.channel,
            NotificationPreference.enabled,
        )
    )
    events = await session.scalars(
        select(OutboxEvent.type).where(OutboxEvent.type == NotificationPreferencesUpdated.type)
    )
    return [(t, c.value, e) for t, c, e in prefs.all()], list(events.all())


async def test_opening_the_link_only_asks(
    client: httpx.AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user = await create_user(session)
    await session.flush()

    page = await client.get(path_for(settings, user))

    assert page.status_code == 200
    assert "Новые заявки в мою команду" in page.text
    assert '<button type="submit"' in page.text
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert await state(session) == ([], [])


async def test_one_click_unsubscribes_once(
    client: httpx.AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user = await create_user(session)
    await session.flush()

    first = await client.post(path_for(settings, user), **ONE_CLICK)
    again = await client.post(path_for(settings, user), **ONE_CLICK)

    assert (first.status_code, again.status_code) == (200, 200)
    assert "Вы отписались" in first.text
    assert await state(session) == (
        [(KIND.value, "EMAIL", False)],
        [NotificationPreferencesUpdated.type],
    )
    event = await session.scalar(
        select(OutboxEvent).where(OutboxEvent.type == NotificationPreferencesUpdated.type)
    )
    assert event is not None
    assert event.payload["via"] == "UNSUBSCRIBE_LINK"
    assert event.payload["user_id"] == str(user.id)


async def test_the_page_button_posts_the_token_in_the_form(
    client: httpx.AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user = await create_user(session)
    await session.flush()
    token = path_for(settings, user).split("token=", 1)[1]

    response = await client.post(unsubscribe.PATH, data={"token": token})

    assert response.status_code == 200
    assert (await state(session))[0] == [(KIND.value, "EMAIL", False)]


@pytest.mark.parametrize("damage", ["missing", "garbage", "tampered", "other-key", "no-user"])
async def test_a_bad_link_changes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, settings: Settings, damage: str
) -> None:
    user = await create_user(session)
    await session.flush()
    key = unsubscribe.signing_key(settings)
    good = unsubscribe.make_token(key, user.id, KIND)
    mac = good.split(".")[1]
    token = {
        "missing": "",
        "garbage": "не-токен",
        "tampered": unsubscribe.make_token(key, user.id, NotificationType.WELCOME).split(".")[0]
        + "."
        + mac,
        "other-key": unsubscribe.make_token(b"another key", user.id, KIND),
        "no-user": unsubscribe.make_token(key, uuid.uuid4(), KIND),
    }[damage]

    response = await client.post(f"{unsubscribe.PATH}?token={token}", **ONE_CLICK)

    assert response.status_code == 400
    assert "Ссылка недействительна" in response.text
    assert await state(session) == ([], [])


def test_production_refuses_to_run_without_a_configured_key(tmp_path: Path) -> None:
    configured = NotificationSettings(unsubscribe_key=SecretStr("a key from the vault"))

    with pytest.raises(unsubscribe.MissingUnsubscribeKeyError):
        unsubscribe.signing_key(Settings(app_env=AppEnv.PROD, data_dir=tmp_path))
    key = unsubscribe.signing_key(Settings(app_env=AppEnv.PROD, notifications=configured))

    assert key == b"a key from the vault"
    assert not (tmp_path / "notifications").exists()
