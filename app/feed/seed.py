"""Demo status posts, so the demo users' feeds are not empty (idempotent by source key)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.feed import service
from app.feed.models import ActivityType
from app.users import service as users
from app.users.seed import DEMO_BY_USERNAME

STATUSES = (
    ("alice", "Сегодня в 19:00 играем на коробке у школы, нужен ещё один защитник!"),
    ("boris", "Наконец-то починили кольцо на площадке во дворе. Кто на три на три?"),
    ("olga", "Записалась на турнир по стритболу, болейте за нас"),
)


async def seed_feed(session: AsyncSession) -> None:
    now = utcnow()
    rows = []
    for hours, (username, text) in enumerate(STATUSES):
        user = await users.provision(session, DEMO_BY_USERNAME[username].identity())
        rows.append(
            {
                "id": uuid.uuid4(),
                "type": ActivityType.STATUS_POSTED,
                "user_id": user.id,
                "text": text,
                "source_key": f"seed:status:{username}",
                "created_at": now - timedelta(hours=hours + 1),
            }
        )
    await service.record(session, rows)
