"""Tournament wizard: a draft of ``createTournament``'s settings from the organizer's idea.

Nothing is saved: the organizer reviews the draft and sends it with ``createTournament``. The
draft is checked by the same rules ``createTournament`` applies (``rule_issues``), with the
sport and the playground limited to the ones in the prompt, so what comes back is submittable;
a draft that breaks a rule goes back for the repair attempt, then ``AiFailed``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Flow, FlowCall, Gathered, register
from app.auth.roles import Role
from app.errors import FieldCode, FieldIssue, ValidationError
from app.pagination import PageRequest
from app.playgrounds import service as playgrounds
from app.sports import service as sports
from app.sports.models import Sport
from app.tournaments.enums import TournamentFormat
from app.tournaments.settings import MAX_CAPACITY, MIN_CAPACITY, TournamentFields, rule_issues

PLAYGROUNDS = 10


class TournamentIdea(BaseModel):
    idea: str = Field(min_length=10, max_length=1000, description="Какой турнир нужен.")
    sport_id: uuid.UUID | None = Field(default=None, description="Вид спорта, если выбран.")
    city: str | None = Field(default=None, min_length=2, max_length=100, description="Город.")


class TournamentDraftSettings(BaseModel):
    """Настройки турнира: передаются в createTournament(input: {settings}) как есть."""

    name: str = Field(min_length=3, max_length=120)
    sport_id: uuid.UUID = Field(description="Вид спорта из списка sports.")
    city: str = Field(min_length=2, max_length=100)
    format: TournamentFormat
    capacity: int = Field(ge=MIN_CAPACITY, le=MAX_CAPACITY, description="Сколько команд.")
    registration_opens_at: datetime
    registration_closes_at: datetime
    starts_at: datetime
    playground_id: uuid.UUID | None = Field(default=None, description="Площадка из playgrounds.")
    description: str | None = Field(default=None, max_length=2000)
    rules: str | None = Field(default=None, max_length=2000)
    prize: str | None = Field(default=None, max_length=200)
    entry_fee: int = Field(default=0, ge=0, description="Взнос в PD.")
    roster_min: int = Field(default=1, ge=1, le=50)
    roster_max: int | None = Field(default=None, ge=1, le=50)
    third_place: bool = False
    group_count: int | None = Field(default=None, description="Для GROUPS_PLAYOFF.")
    advance_per_group: int | None = Field(default=None, description="Для GROUPS_PLAYOFF.")
    swiss_rounds: int | None = Field(default=None, description="Для SWISS.")


class TournamentDraft(BaseModel):
    """Черновик турнира от ИИ (ничего не сохранено)."""

    settings: TournamentDraftSettings
    summary: str = Field(max_length=500, description="Что получилось и что стоит проверить.")


@dataclass(frozen=True)
class Allowed:
    now: datetime
    sports: frozenset[uuid.UUID]
    playgrounds: frozenset[uuid.UUID]

    def check(self, draft: TournamentDraft) -> None:
        s = draft.settings
        problems = [
            f"settings.{i.path}: {i.message}" for i in rule_issues(_fields(s), now=self.now)
        ]
        if s.sport_id not in self.sports:
            problems.append("settings.sportId: только id из sports")
        if s.playground_id is not None and s.playground_id not in self.playgrounds:
            problems.append("settings.playgroundId: только id из playgrounds или null")
        if problems:
            raise ValueError("; ".join(problems))


def _fields(s: TournamentDraftSettings) -> TournamentFields:
    return TournamentFields(**s.model_dump())


async def gather(call: FlowCall, idea: TournamentIdea) -> Gathered:
    choice = await _sports(call, idea.sport_id)
    places = await playgrounds.search_playgrounds(
        call.session,
        call.principal(),
        search=None,
        city=idea.city,
        sport_id=idea.sport_id,
        surface=None,
        page=PageRequest(first=PLAYGROUNDS),
    )
    allowed = Allowed(
        now=call.now,
        sports=frozenset(sport.id for sport in choice),
        playgrounds=frozenset(place.id for place in places.items),
    )
    return Gathered(
        {
            "idea": idea.idea,
            "city": idea.city,
            "now": call.now.isoformat(),
            "sports": [{"id": str(sport.id), "name": sport.name} for sport in choice],
            "playgrounds": [_place(place) for place in places.items],
            "formats": [f.value for f in TournamentFormat],
        },
        check=allowed.check,
    )


async def _sports(call: FlowCall, sport_id: uuid.UUID | None) -> list[Sport]:
    if sport_id is None:
        return await sports.list_sports(call.session, category=None)
    sport = await sports.get_sport(call.session, sport_id)
    if sport is None:
        raise ValidationError([FieldIssue("sportId", FieldCode.NOT_FOUND, "Вид спорта не найден")])
    return [sport]


def _place(place: Any) -> dict[str, Any]:
    return {"id": str(place.id), "name": place.name, "city": place.city, "address": place.address}


TOURNAMENT_WIZARD = register(
    Flow(
        name="draftTournament",
        description=(
            "Мастер турнира: черновик настроек для createTournament по идее организатора "
            "(ничего не сохраняет)."
        ),
        input=TournamentIdea,
        output=TournamentDraft,
        prompt=Prompt(
            "tournament-wizard@1",
            "Ты помогаешь организатору любительских турниров. По идее (idea) составь настройки "
            "турнира: вид спорта только из sports (по id), формат из formats, от 4 до 128 "
            "команд, регистрация открывается не раньше now и закрывается позже, чем "
            "открывается, но не позже старта; старт в будущем. Площадку бери только из "
            "playgrounds (по id) или оставь null. Для GROUPS_PLAYOFF укажи group_count и "
            "advance_per_group, для SWISS — swiss_rounds. Название, описание и правила — "
            "по-русски, коротко. В summary скажи, что организатору стоит проверить.",
        ),
        gather=gather,
        roles=(Role.ORGANIZER, Role.MODERATOR, Role.ADMINISTRATOR),
    )
)
