"""Per user, per type, per channel choices: stored where the user chose, defaults elsewhere."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import FieldCode
from app.events import emit
from app.notifications.catalogue import CATALOGUE, Channel, NotificationType
from app.notifications.events import NotificationPreferencesUpdated
from app.notifications.models import NotificationPreference
from app.notifications.repository import PreferenceRepository
from app.validation import Validator

Choices = dict[tuple[NotificationType, Channel], bool]


@dataclass(frozen=True, slots=True)
class Preference:
    type: NotificationType
    in_app: bool
    email: bool
    push: bool

    def wants(self, channel: Channel) -> bool:
        return {Channel.IN_APP: self.in_app, Channel.EMAIL: self.email, Channel.PUSH: self.push}[
            channel
        ]


@dataclass(frozen=True, slots=True)
class PreferenceChange:
    """``None`` leaves a channel as it is."""

    type: NotificationType
    in_app: bool | None = None
    email: bool | None = None
    push: bool | None = None

    def choices(self) -> dict[Channel, bool]:
        given = {Channel.IN_APP: self.in_app, Channel.EMAIL: self.email, Channel.PUSH: self.push}
        return {channel: value for channel, value in given.items() if value is not None}


def effective(kind: NotificationType, chosen: Choices) -> Preference:
    def value(channel: Channel) -> bool:
        return chosen.get((kind, channel), CATALOGUE[kind].default(channel))

    return Preference(kind, value(Channel.IN_APP), value(Channel.EMAIL), value(Channel.PUSH))


def _choices(rows: Sequence[NotificationPreference]) -> Choices:
    """Rows of kinds no longer in the catalogue are ignored."""
    known = set(NotificationType)
    return {
        (NotificationType(row.type), row.channel): row.enabled for row in rows if row.type in known
    }


async def preferences_of(session: AsyncSession, viewer: Principal) -> list[Preference]:
    rows = await PreferenceRepository(session).of_users([viewer.user_id])
    chosen = _choices(rows)
    return [effective(kind, chosen) for kind in NotificationType]


async def wanted(
    session: AsyncSession, user_ids: Sequence[uuid.UUID], kind: NotificationType
) -> dict[uuid.UUID, Preference]:
    chosen = await choices_of(session, user_ids, kind)
    return {user_id: effective(kind, chosen[user_id]) for user_id in user_ids}


async def choices_of(
    session: AsyncSession, user_ids: Sequence[uuid.UUID], kind: NotificationType | None = None
) -> dict[uuid.UUID, Choices]:
    """Each user's explicit choices (of one type, or all), for ``effective``."""
    rows = await PreferenceRepository(session).of_users(user_ids, kind.value if kind else None)
    by_user: dict[uuid.UUID, list[NotificationPreference]] = {user_id: [] for user_id in user_ids}
    for row in rows:
        by_user[row.user_id].append(row)
    return {user_id: _choices(rows) for user_id, rows in by_user.items()}


async def update_preferences(
    session: AsyncSession,
    actor: Principal,
    changes: Sequence[PreferenceChange],
    *,
    now: datetime,
    via: str = "SETTINGS",
) -> list[Preference]:
    _validate(changes)
    current = {p.type: p for p in await preferences_of(session, actor)}
    repo = PreferenceRepository(session)
    changed = []
    for change in changes:
        for channel, enabled in change.choices().items():
            await repo.set(actor.user_id, change.type.value, channel, enabled, now)
            if current[change.type].wants(channel) != enabled:
                changed.append(f"{change.type}:{channel}:{'on' if enabled else 'off'}")
    if changed:
        event = NotificationPreferencesUpdated(user_id=actor.user_id, changes=changed, via=via)
        emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return await preferences_of(session, actor)


def _validate(changes: Sequence[PreferenceChange]) -> None:
    v = Validator()
    seen: set[NotificationType] = set()
    for i, change in enumerate(changes):
        if change.type in seen:
            v.add(f"preferences.{i}.type", FieldCode.DUPLICATE, "Этот вид уведомлений уже указан")
        seen.add(change.type)
    v.raise_if_any()
