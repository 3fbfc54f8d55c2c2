"""Demo PD for ``prodvor seed``: every demo user starts with a balance to spend in the store.

Ranks and the default earning rules come with the migration, not from here.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.economy import ledger, service
from app.economy.models import SystemAccount, TransferKind
from app.users import service as users
from app.users.seed import DEMO_USERS

DEMO_BALANCE = 1000


async def seed_economy(session: AsyncSession) -> None:
    now = utcnow()
    for demo in DEMO_USERS:
        user = await users.provision(session, demo.identity())
        wallet = await ledger.lock_user_wallet(session, user.id)
        await ledger.transfer(
            session,
            ledger.system(SystemAccount.ADJUSTMENTS),
            wallet,
            DEMO_BALANCE,
            kind=TransferKind.ADJUSTMENT,
            key=f"seed:demo-balance:{demo.username}",
            description="Стартовый баланс демо-пользователя",
            now=now,
        )
        await service.sync_city(session, user.id, now=now)
