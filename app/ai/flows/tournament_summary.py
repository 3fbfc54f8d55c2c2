"""Tournament summary: an article and a post about a finished tournament, from its results."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Flow, FlowCall, Gathered, register
from app.errors import FieldCode, FieldIssue, NotFoundError, ValidationError
from app.sports import service as sports
from app.teams import service as teams
from app.teams.models import Team
from app.tournaments import service as tournaments
from app.tournaments.models import TournamentStatus
from app.tournaments.views import RoundView, SideView, TableView

LAST_ROUNDS = 3
"""The bracket's deciding rounds the prompt shows (a big round robin has thousands of games)."""
TABLE_ROWS = 8


class TournamentRef(BaseModel):
    tournament_id: uuid.UUID = Field(description="Завершённый турнир.")


class TournamentSummary(BaseModel):
    """Итоги турнира от ИИ."""

    article: str = Field(max_length=2500, description="Статья об итогах.")
    highlights: list[str] = Field(max_length=5, description="До пяти главных моментов.")
    social_post: str = Field(max_length=600, description="Короткий пост для соцсетей.")


async def gather(call: FlowCall, ref: TournamentRef) -> Gathered:
    t = await tournaments.get_tournament(call.session, call.principal(), ref.tournament_id)
    if t is None:
        raise NotFoundError("Турнир не найден")
    if t.status is not TournamentStatus.FINISHED:
        message = "Итоги подводятся после завершения турнира"
        raise ValidationError([FieldIssue("tournamentId", FieldCode.NOT_ALLOWED, message)])
    rounds, tables = await tournaments.bracket_and_tables(call.session, t)
    shown = rounds[-LAST_ROUNDS:]
    ids = {s.team_id for r in shown for s in _sides(r)} | {t.champion_team_id}
    ids |= {team_id for table in tables for team_id, _ in table.rows[:TABLE_ROWS]}
    names = await teams.teams_by_id(call.session, [i for i in ids if i is not None])
    sport = await sports.get_sport(call.session, t.sport_id)
    return Gathered(
        {
            "name": t.name,
            "sport": sport.name if sport else None,
            "city": t.city,
            "format": t.format.value,
            "started": t.starts_at.date().isoformat(),
            "champion": _name(names, t.champion_team_id),
            "deciding_rounds": [_round(r, names) for r in shown],
            "tables": [_table(table, names) for table in tables],
        }
    )


def _sides(r: RoundView) -> list[SideView]:
    return [side for slot in r.slots for side in (slot.home, slot.away)]


def _round(r: RoundView, names: dict[uuid.UUID, Team]) -> dict[str, Any]:
    return {
        "stage": r.stage.value,
        "group": r.group,
        "number": r.number,
        "games": [
            {
                "home": _name(names, slot.home.team_id),
                "away": _name(names, slot.away.team_id),
                "score": _score(slot.home.score, slot.away.score),
                "winner": _name(names, slot.winner_team_id),
            }
            for slot in r.slots
            if slot.home.team_id is not None and slot.away.team_id is not None
        ],
    }


def _table(table: TableView, names: dict[uuid.UUID, Team]) -> dict[str, Any]:
    return {
        "group": table.group,
        "rows": [
            {
                "place": row.place,
                "team": _name(names, team_id),
                "points": row.points,
                "record": f"{row.wins}-{row.draws}-{row.losses}",
                "goals": f"{row.goals_for}:{row.goals_against}",
            }
            for team_id, row in table.rows[:TABLE_ROWS]
        ],
    }


def _score(home: int | None, away: int | None) -> str | None:
    return f"{home}:{away}" if home is not None and away is not None else None


def _name(names: dict[uuid.UUID, Team], team_id: uuid.UUID | None) -> str | None:
    team = names.get(team_id) if team_id is not None else None
    return team.name if team is not None else None


TOURNAMENT_SUMMARY = register(
    Flow(
        name="summarizeTournament",
        description="Итоги завершённого турнира: статья, главные моменты и пост для соцсетей.",
        input=TournamentRef,
        output=TournamentSummary,
        prompt=Prompt(
            "tournament-summary@1",
            "Ты спортивный журналист дворовой лиги. По итогам турнира (чемпион, решающие "
            "раунды сетки со счётом, таблицы) напиши короткую статью, до пяти главных "
            "моментов и пост для соцсетей. Называй только команды и счета из данных, ничего "
            "не придумывай.",
        ),
        gather=gather,
        cacheable=True,
    )
)
