"""Browser sessions: the owner is the user signed in on that session."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.sessions.models import BrowserSession
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in


async def owners_session(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    now = datetime.now(UTC)
    row = BrowserSession(
        user_id=cast.owner.id,
        token_hash=secrets.token_bytes(32),
        subject=cast.owner.subject,
        access_token=b"sealed",
        access_expires_at=now + timedelta(minutes=5),
        last_seen_at=now,
        expires_at=now + timedelta(hours=1),
    )
    session.add(row)
    await session.flush()
    return {"v": {"id": str(row.id)}}


async def session_ids(session: AsyncSession, cast: Cast) -> object:
    return sorted(map(str, (await session.scalars(select(BrowserSession.id))).all()))


CASES = [
    Case("Query.mySessions", "query { mySessions { id } }", everyone_signed_in()),
    Case(
        "Mutation.revokeSession",
        "mutation($v: RevokeSessionInput!) { revokeSession(input: $v) { __typename } }",
        {
            Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
            Actor.STRANGER: Outcome.HIDDEN,
            Actor.OWNER: Outcome.ALLOWED,
            Actor.MODERATOR: Outcome.HIDDEN,
        },
        arrange=owners_session,
        snapshot=session_ids,
    ),
    Case(
        "Mutation.revokeOtherSessions",
        "mutation { revokeOtherSessions { __typename } }",
        everyone_signed_in(),
        arrange=owners_session,
    ),
]
