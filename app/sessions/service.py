"""Browser sessions: start, find, refresh, end, and the user's own session management."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import NotFoundError
from app.events import emit
from app.sessions.crypto import SessionCrypto, cookie_hash, new_cookie_value
from app.sessions.events import EndReason, SessionEnded, SessionStarted
from app.sessions.models import BrowserSession, TokenKind
from app.sessions.oidc import LogoutToken, TokenSet
from app.sessions.repository import SessionRepository
from app.settings import SessionSettings

TOUCH_INTERVAL = timedelta(minutes=1)
"""``last_seen_at`` is written at most this often, not on every request."""


@dataclass(frozen=True, slots=True)
class Client:
    """Where a request came from, as shown in the user's session list."""

    user_agent: str | None
    ip_address: str | None


@dataclass(frozen=True, slots=True)
class Started:
    row: BrowserSession
    cookie_value: str


async def start_session(
    session: AsyncSession,
    actor: Principal,
    tokens: TokenSet,
    *,
    provider_sid: str | None,
    client: Client,
    crypto: SessionCrypto,
    settings: SessionSettings,
    now: datetime,
) -> Started:
    repo = SessionRepository(session)
    await _make_room(repo, actor.user_id, settings, now)
    cookie_value = new_cookie_value()
    row = BrowserSession(
        id=uuid.uuid4(),
        user_id=actor.user_id,
        token_hash=cookie_hash(cookie_value),
        subject=actor.subject,
        provider_sid=provider_sid,
        user_agent=_clip(client.user_agent, 512),
        ip_address=_clip(client.ip_address, 45),
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(seconds=settings.absolute_lifetime_s),
    )
    store_tokens(row, tokens, crypto, now=now)
    repo.add(row)
    await session.flush()
    emit(session, SessionStarted(session_id=row.id, user_id=row.user_id), actor_id=actor.user_id)
    return Started(row=row, cookie_value=cookie_value)


async def _make_room(
    repo: SessionRepository, user_id: uuid.UUID, settings: SessionSettings, now: datetime
) -> None:
    """Drop the user's expired sessions, and the least recently used ones beyond the cap."""
    rows = list(await repo.list_for_user(user_id))
    for row in [r for r in rows if is_expired(r, settings, now)]:
        rows.remove(row)
        await end_session(repo.session, row, EndReason.EXPIRED, now=now)
    for row in rows[settings.max_per_user - 1 :]:
        await end_session(repo.session, row, EndReason.EVICTED, now=now)


def store_tokens(
    row: BrowserSession, tokens: TokenSet, crypto: SessionCrypto, *, now: datetime
) -> None:
    """Keep a fresh token set; a refresh response without a refresh token keeps the old one."""
    row.access_token = crypto.encrypt_token(
        tokens.access_token, bound_to=row.bound_to(TokenKind.ACCESS)
    )
    row.access_expires_at = now + timedelta(seconds=tokens.expires_in)
    if tokens.refresh_token is not None:
        row.refresh_token = crypto.encrypt_token(
            tokens.refresh_token, bound_to=row.bound_to(TokenKind.REFRESH)
        )
    if tokens.id_token is not None:
        row.id_token = crypto.encrypt_token(tokens.id_token, bound_to=row.bound_to(TokenKind.ID))


def read_token(row: BrowserSession, kind: TokenKind, crypto: SessionCrypto) -> str | None:
    blob = {
        TokenKind.ACCESS: row.access_token,
        TokenKind.REFRESH: row.refresh_token,
        TokenKind.ID: row.id_token,
    }[kind]
    return None if blob is None else crypto.decrypt_token(blob, bound_to=row.bound_to(kind))


def is_expired(row: BrowserSession, settings: SessionSettings, now: datetime) -> bool:
    idle_until = row.last_seen_at + timedelta(seconds=settings.idle_timeout_s)
    return now >= row.expires_at or now >= idle_until


def needs_refresh(row: BrowserSession, settings: SessionSettings, now: datetime) -> bool:
    return now >= row.access_expires_at - timedelta(seconds=settings.refresh_margin_s)


async def find_by_cookie(session: AsyncSession, cookie_value: str) -> BrowserSession | None:
    return await SessionRepository(session).get_by_token_hash(cookie_hash(cookie_value))


async def find_active(
    session: AsyncSession, cookie_value: str, *, settings: SessionSettings, now: datetime
) -> BrowserSession | None:
    """The live session behind a cookie; an expired one is ended on sight."""
    row = await find_by_cookie(session, cookie_value)
    if row is None:
        return None
    if is_expired(row, settings, now):
        await end_session(session, row, EndReason.EXPIRED, now=now)
        return None
    return row


async def lock_session(session: AsyncSession, session_id: uuid.UUID) -> BrowserSession | None:
    return await SessionRepository(session).get_for_update(session_id)


def touch(row: BrowserSession, client: Client, *, now: datetime) -> None:
    if now - row.last_seen_at < TOUCH_INTERVAL:
        return
    row.last_seen_at = now
    row.ip_address = _clip(client.ip_address, 45)
    row.user_agent = _clip(client.user_agent, 512)


async def end_session(
    session: AsyncSession,
    row: BrowserSession,
    reason: EndReason,
    *,
    now: datetime,
    actor_id: uuid.UUID | None = None,
) -> None:
    """``actor_id`` is the user who ended it; ``None`` when the system or the provider did."""
    await SessionRepository(session).delete(row)
    event = SessionEnded(session_id=row.id, user_id=row.user_id, reason=reason)
    emit(session, event, actor_id=actor_id, occurred_at=now)


async def end_replaced(session: AsyncSession, cookie_value: str, *, now: datetime) -> None:
    row = await find_by_cookie(session, cookie_value)
    if row is not None:
        await end_session(session, row, EndReason.REPLACED, now=now)


async def end_for_provider_logout(
    session: AsyncSession, logout: LogoutToken, *, now: datetime
) -> int:
    rows = await SessionRepository(session).list_for_provider_logout(
        logout.subject, logout.provider_sid
    )
    for row in rows:
        await end_session(session, row, EndReason.PROVIDER_LOGOUT, now=now)
    return len(rows)


async def list_sessions(
    session: AsyncSession, actor: Principal, *, settings: SessionSettings, now: datetime
) -> list[BrowserSession]:
    rows = await SessionRepository(session).list_for_user(actor.user_id)
    return [row for row in rows if not is_expired(row, settings, now)]


async def revoke_session(
    session: AsyncSession, actor: Principal, session_id: uuid.UUID, *, now: datetime
) -> BrowserSession:
    row = await SessionRepository(session).get_owned(actor.user_id, session_id)
    if row is None:
        raise NotFoundError()
    await end_session(session, row, EndReason.REVOKED, now=now, actor_id=actor.user_id)
    return row


async def revoke_other_sessions(
    session: AsyncSession, actor: Principal, *, now: datetime
) -> Sequence[BrowserSession]:
    """Every session of the actor but the one this request came with (if it came with one)."""
    rows = await SessionRepository(session).list_for_user(actor.user_id)
    others = [row for row in rows if row.id != actor.session_id]
    for row in others:
        await end_session(session, row, EndReason.REVOKED, now=now, actor_id=actor.user_id)
    return others


def _clip(value: str | None, length: int) -> str | None:
    return value[:length] if value else None
