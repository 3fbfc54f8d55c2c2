"""Users: provisioning from tokens, profiles and privacy."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TypedDict

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Identity, Principal
from app.errors import FieldCode, NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.social import service as social
from app.sports import service as sports
from app.users.errors import NicknameCooldownError, NicknameTakenError
from app.users.events import UserProfileUpdated, UserRegistered
from app.users.models import Audience, User
from app.users.repository import UserRepository
from app.validation import Validator

NICKNAME = re.compile(r"[\w.\-]{3,30}")
TELEGRAM = re.compile(r"@?[A-Za-z0-9_]{5,32}")
DISCORD = re.compile(r"[A-Za-z0-9_.]{2,32}")
MIN_AGE_YEARS = 5
MAX_AGE_YEARS = 100
MAX_FAVOURITE_SPORTS = 5
PERMANENT_BAN = datetime(9999, 12, 31, tzinfo=UTC)
"""``banned_until`` of a permanent ban: bans are lifted by time passing, never by a job."""


class ProfileChanges(TypedDict, total=False):
    """Only the keys present are changed; ``None`` clears an optional field."""

    display_name: str | None
    nickname: str | None
    avatar_url: str | None
    banner_url: str | None
    city: str | None
    birth_date: date | None
    bio: str | None
    telegram: str | None
    discord: str | None
    favourite_sport_ids: Sequence[uuid.UUID | None] | None
    teams_visibility: Audience
    contacts_visibility: Audience
    message_permission: Audience
    invite_permission: Audience


class Relation(StrEnum):
    """How a viewer relates to a profile, which decides what privacy lets them see."""

    SELF = "SELF"
    STAFF = "STAFF"
    FRIEND = "FRIEND"
    OTHER = "OTHER"


async def provision(session: AsyncSession, identity: Identity) -> User:
    """The user behind a token, created on first sight; a token with new claims refreshes it."""
    repo = UserRepository(session)
    fingerprint = identity.fingerprint()
    user = await repo.get_by_subject(identity.subject)
    if user is not None and user.claims_hash == fingerprint:
        return user
    user, inserted = await repo.upsert_identity(identity, fingerprint)
    if inserted:
        event = UserRegistered(
            user_id=user.id, username=user.username, display_name=user.display_name
        )
        emit(session, event, actor_id=user.id)
    return user


async def get_user(session: AsyncSession, viewer: Principal, user_id: uuid.UUID) -> User | None:
    return await UserRepository(session).get_readable(viewer, user_id)


async def users_by_id(
    session: AsyncSession, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, User]:
    """For work done on nobody's behalf (notifications): every user, banned ones included."""
    return {user.id: user for user in await UserRepository(session).get_many(user_ids)}


async def ids_by_nickname(session: AsyncSession, nicknames: Sequence[str]) -> dict[str, uuid.UUID]:
    """Who owns each nickname (case-insensitive; keys lower-cased); unknown ones are absent."""
    return await UserRepository(session).ids_by_nickname(nicknames)


async def list_users(
    session: AsyncSession, viewer: Principal, *, search: str | None, page: PageRequest
) -> Page[User]:
    search = search.strip() if search else None
    return await UserRepository(session).page(viewer, search=search or None, request=page)


def relation(viewer: Principal | None, user: User, *, friends: bool = False) -> Relation:
    """``friends`` says whether the two are friends (the caller asked the social graph)."""
    if viewer is not None and viewer.user_id == user.id:
        return Relation.SELF
    if viewer is not None and viewer.is_staff:
        return Relation.STAFF
    return Relation.FRIEND if friends else Relation.OTHER


async def relation_to(session: AsyncSession, viewer: Principal, user: User) -> Relation:
    """Like ``relation``, asking the social graph whether the two are friends."""
    friends = viewer.user_id != user.id and await social.are_friends(
        session, viewer.user_id, user.id
    )
    return relation(viewer, user, friends=friends)


def audience_allows(audience: Audience, rel: Relation) -> bool:
    """``FRIENDS`` admits friends (and, like every audience, the user and staff)."""
    if rel in (Relation.SELF, Relation.STAFF):
        return True
    if rel is Relation.FRIEND:
        return audience in (Audience.ALL, Audience.FRIENDS)
    return audience is Audience.ALL


async def update_profile(
    session: AsyncSession,
    actor: Principal,
    changes: ProfileChanges,
    *,
    now: datetime,
    nickname_cooldown: timedelta,
) -> User:
    repo = UserRepository(session)
    user = await repo.get_for_update(actor.user_id)
    if user is None:
        raise NotFoundError()
    given_sports = [s for s in changes.get("favourite_sport_ids") or [] if s is not None]
    known_sports = (
        {sport.id for sport in await sports.get_sports(session, given_sports)}
        if given_sports
        else set()
    )
    cleaned = _validate(changes, today=now.date(), known_sports=known_sports)
    if "nickname" in cleaned:
        await _change_nickname(repo, user, cleaned.pop("nickname"), now, nickname_cooldown)
    for name, value in cleaned.items():
        setattr(user, name, value)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise NicknameTakenError() from exc
    event = UserProfileUpdated(
        user_id=user.id, changed_fields=sorted(changes), profile_complete=is_complete(user)
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return user


async def city_of(session: AsyncSession, user_id: uuid.UUID) -> str | None:
    """The profile's city, for other domains' event handlers (which act for no viewer)."""
    user = await UserRepository(session).get(user_id)
    return user.city if user is not None else None


async def lift_nickname_cooldown(
    session: AsyncSession, user_id: uuid.UUID, *, now: datetime, cooldown: timedelta
) -> bool:
    """Let the user change the nickname right away (a nickname change bought in the store).

    Returns ``False`` when there is no cooldown to lift, so the caller can refuse to sell one.
    """
    user = await UserRepository(session).get_for_update(user_id)
    if user is None:
        raise NotFoundError()
    if user.nickname_changed_at is None or now >= user.nickname_changed_at + cooldown:
        return False
    user.nickname_changed_at = None
    await session.flush()
    return True


async def ban(
    session: AsyncSession, user_id: uuid.UUID, *, until: datetime, reason: str | None
) -> User:
    """For moderation, which checked the moderator's right to do it."""
    user = await UserRepository(session).get_for_update(user_id)
    if user is None:
        raise NotFoundError()
    user.banned_until = until
    user.ban_reason = reason
    await session.flush()
    return user


async def hidden_user_ids(session: AsyncSession, viewer: Principal) -> list[uuid.UUID]:
    """Users whose profiles ``viewer`` may not see (banned ones, unless viewer is staff)."""
    if viewer.is_staff:
        return []
    return await UserRepository(session).banned_ids()


def is_complete(user: User) -> bool:
    return all(
        (user.display_name, user.nickname, user.avatar_url, user.city, user.birth_date, user.bio)
    )


async def _change_nickname(
    repo: UserRepository,
    user: User,
    nickname: object,
    now: datetime,
    cooldown: timedelta,
) -> None:
    new = nickname if isinstance(nickname, str) else None
    if new == user.nickname:
        return
    if user.nickname_changed_at is not None and now < user.nickname_changed_at + cooldown:
        raise NicknameCooldownError(available_at=user.nickname_changed_at + cooldown)
    if new is not None:
        owner = await repo.nickname_owner(new)
        if owner is not None and owner != user.id:
            raise NicknameTakenError()
    await repo.touch_nickname(user, new, now)


def _validate(
    changes: ProfileChanges, *, today: date, known_sports: set[uuid.UUID]
) -> dict[str, object]:
    v = Validator()
    out: dict[str, object] = {}
    if "display_name" in changes:
        out["display_name"] = v.text(
            "displayName", changes["display_name"], min_len=2, max_len=50, required=True
        )
    if "nickname" in changes:
        nickname = v.text("nickname", changes["nickname"], min_len=3, max_len=30)
        v.pattern(
            "nickname", nickname, NICKNAME, "Только буквы, цифры, точка, дефис и подчёркивание"
        )
        out["nickname"] = nickname
    for key, path in (("avatar_url", "avatarUrl"), ("banner_url", "bannerUrl")):
        if key in changes:
            out[key] = v.url(path, changes[key])  # type: ignore[literal-required]
    if "city" in changes:
        out["city"] = v.text("city", changes["city"], min_len=2, max_len=100)
    if "bio" in changes:
        out["bio"] = v.text("bio", changes["bio"], max_len=500)
    if "telegram" in changes:
        telegram = v.text("contacts.telegram", changes["telegram"], max_len=33)
        v.pattern(
            "contacts.telegram", telegram, TELEGRAM, "Имя пользователя Telegram: 5–32 символа"
        )
        out["telegram"] = telegram.lstrip("@") if telegram else None
    if "discord" in changes:
        discord = v.text("contacts.discord", changes["discord"], max_len=32)
        v.pattern("contacts.discord", discord, DISCORD, "Имя пользователя Discord: 2–32 символа")
        out["discord"] = discord
    if "birth_date" in changes:
        v.date_range(
            "birthDate",
            changes["birth_date"],
            low=_years_before(today, MAX_AGE_YEARS),
            high=_years_before(today, MIN_AGE_YEARS),
            message=f"Возраст должен быть от {MIN_AGE_YEARS} до {MAX_AGE_YEARS} лет",
        )
        out["birth_date"] = changes["birth_date"]
    if "favourite_sport_ids" in changes:
        given = changes["favourite_sport_ids"] or []
        out["favourite_sport_ids"] = _favourite_sports(v, given, known_sports)
    for key in (
        "teams_visibility",
        "contacts_visibility",
        "message_permission",
        "invite_permission",
    ):
        if key in changes:
            out[key] = changes[key]  # type: ignore[literal-required]
    v.raise_if_any()
    return out


def _favourite_sports(
    v: Validator, given: Sequence[uuid.UUID | None], known: set[uuid.UUID]
) -> list[uuid.UUID]:
    wanted = list(dict.fromkeys(given))
    if len(wanted) > MAX_FAVOURITE_SPORTS:
        v.add("favouriteSportIds", FieldCode.TOO_LONG, f"Не больше {MAX_FAVOURITE_SPORTS}")
    elif not all(sport_id in known for sport_id in wanted):
        v.add("favouriteSportIds", FieldCode.NOT_FOUND, "Нет такого вида спорта")
    return [sport_id for sport_id in wanted if sport_id is not None]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_on(birth_date: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)
