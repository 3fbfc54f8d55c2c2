"""Entry fees through the economy's escrow, keyed by the entry so each step happens once.

A team's application holds the fee (from the team's wallet when it covers it, otherwise from
the applying captain's). Rejection, withdrawal, dropping out at the start and cancellation
refund it. The organizer is paid only when the tournament finishes: a tournament can still be
cancelled while in progress, and DOMAIN.md refunds every fee on cancellation.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.economy import service as economy
from app.tournaments.models import Tournament, TournamentEntry


def hold_key(entry: TournamentEntry) -> str:
    return f"tournament-entry:{entry.id}"


async def hold(session: AsyncSession, t: Tournament, entry: TournamentEntry, now: datetime) -> None:
    if t.entry_fee > 0:
        await economy.hold_entry_fee(
            session,
            key=hold_key(entry),
            team_id=entry.team_id,
            captain_id=entry.applied_by_id,
            amount=t.entry_fee,
            description=f"Взнос за участие в турнире «{t.name}»",
            now=now,
        )


async def refund(
    session: AsyncSession,
    t: Tournament,
    entry: TournamentEntry,
    now: datetime,
    actor_id: uuid.UUID | None = None,
) -> None:
    if t.entry_fee > 0:
        await economy.refund_entry_fee(
            session,
            key=hold_key(entry),
            description=f"Возврат взноса за турнир «{t.name}»",
            now=now,
            actor_id=actor_id,
        )


async def release(
    session: AsyncSession, t: Tournament, entries: list[TournamentEntry], now: datetime
) -> None:
    if t.entry_fee > 0:
        for entry in entries:
            await economy.release_entry_fee(
                session,
                key=hold_key(entry),
                beneficiary_id=t.organizer_id,
                description=f"Взнос команды за турнир «{t.name}»",
                now=now,
            )
