"""GraphQL names of the tournaments domain's enums (registered before any type uses them)."""

from __future__ import annotations

import strawberry

from app.tournaments.formats.plan import Stage
from app.tournaments.formats.resolve import SlotState
from app.tournaments.formats.standings import TieBreaker
from app.tournaments.models import EntryStatus, SeedingMethod, TournamentFormat, TournamentStatus

strawberry.enum(TournamentStatus, name="TournamentStatus", description="Состояние турнира.")
strawberry.enum(TournamentFormat, name="TournamentFormat", description="Формат турнира.")
strawberry.enum(SeedingMethod, name="TournamentSeeding", description="Как посеять участников.")
strawberry.enum(EntryStatus, name="TournamentApplicationStatus")
strawberry.enum(Stage, name="BracketStage", description="Часть сетки.")
strawberry.enum(
    SlotState,
    name="BracketSlotState",
    description="PENDING — ждёт участника; READY — можно играть; PLAYED — сыгран; "
    "WALKOVER — соперника нет (проход без игры); EMPTY — нет обоих; SKIPPED — "
    "переигровка финала не нужна.",
)
strawberry.enum(TieBreaker, name="TieBreaker", description="Дополнительный показатель.")

__all__ = [
    "EntryStatus",
    "SeedingMethod",
    "SlotState",
    "Stage",
    "TieBreaker",
    "TournamentFormat",
    "TournamentStatus",
]
