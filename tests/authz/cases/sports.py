"""The sports catalogue is public reference data."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tests.authz.matrix import Actor, Case, Cast, Outcome
from tests.factories import create_sport

EVERYONE = dict.fromkeys(Actor, Outcome.ALLOWED)


async def a_sport(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"id": str((await create_sport(session)).id)}


CASES = [
    Case("Query.sports", "query { sports { id } }", EVERYONE),
    Case("Query.sport", "query($id: ID) { sport(id: $id) { id } }", EVERYONE, arrange=a_sport),
]
