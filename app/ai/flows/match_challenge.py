"""Challenge wizard: opponents, playgrounds and times for a friendly, from our data.

The answer is a list of drafts of ``challengeTeam``'s input that the captain can send as they
are: the rules ``challengeTeam`` checks that can be checked here (an opponent of the same
sport, an approved playground, a time in the allowed window and clear of the team's other
matches) are checked against the answer, which goes back for the repair attempt otherwise.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Flow, FlowCall, Gathered, register
from app.errors import NotFoundError
from app.matches import service as matches
from app.pagination import PageRequest
from app.playgrounds import service as playgrounds
from app.playgrounds.models import Playground
from app.teams import service as teams
from app.teams.models import Team
from app.teams.repository import TeamOrder

OPPONENTS = 20
PLAYGROUNDS = 10
BUSY = 10


class ChallengeWizardRequest(BaseModel):
    team_id: uuid.UUID = Field(description="Моя команда (я её капитан).")
    wishes: str | None = Field(
        default=None, max_length=500, description="Пожелания: когда, где, какой соперник."
    )
    city: str | None = Field(
        default=None, min_length=2, max_length=100, description="Город; без него — город команды."
    )


class ChallengeDraft(BaseModel):
    """Готовый ввод для challengeTeam."""

    from_team_id: uuid.UUID = Field(description="Моя команда.")
    to_team_id: uuid.UUID = Field(description="Соперник из списка opponents.")
    playground_id: uuid.UUID = Field(description="Площадка из списка playgrounds.")
    proposed_at: datetime = Field(description="Время матча, с часовым поясом.")
    message: str | None = Field(default=None, max_length=500, description="Текст вызова.")
    reason: str = Field(max_length=300, description="Почему этот вариант.")


class ChallengeSuggestions(BaseModel):
    """Варианты вызова на товарищеский матч."""

    summary: str = Field(max_length=500, description="Коротко о вариантах.")
    drafts: list[ChallengeDraft] = Field(max_length=3, description="До трёх вариантов вызова.")


@dataclass(frozen=True)
class Allowed:
    team_id: uuid.UUID
    opponents: frozenset[uuid.UUID]
    playgrounds: frozenset[uuid.UUID]
    earliest: datetime
    latest: datetime
    busy: tuple[datetime, ...]
    gap: timedelta

    def check(self, answer: ChallengeSuggestions) -> None:
        problems = [
            f"drafts.{i}: {problem}"
            for i, draft in enumerate(answer.drafts)
            for problem in self._problems(draft)
        ]
        if problems:
            raise ValueError("; ".join(problems))

    def _problems(self, draft: ChallengeDraft) -> list[str]:
        found = []
        if draft.from_team_id != self.team_id:
            found.append("from_team_id — это id команды из поля team")
        if draft.to_team_id not in self.opponents:
            found.append("to_team_id — только id из opponents")
        if draft.playground_id not in self.playgrounds:
            found.append("playground_id — только id из playgrounds")
        at = draft.proposed_at
        if at.tzinfo is None:
            found.append("proposed_at — укажи часовой пояс")
        elif not self.earliest < at <= self.latest:
            found.append("proposed_at — между earliest и latest")
        elif any(abs(at - busy) < self.gap for busy in self.busy):
            found.append("proposed_at — пересекается с матчем из busy")
        return found


class ChallengeWizardContext:
    """What the wizard reads as the captain: candidates of the team's sport, in the city."""

    def __init__(self, call: FlowCall, request: ChallengeWizardRequest) -> None:
        self.call, self.request = call, request

    async def gather(self) -> Gathered:
        call, actor = self.call, self.call.principal()
        team = await teams.get_team(call.session, actor, self.request.team_id)
        if team is None:
            raise NotFoundError("Команда не найдена")
        await teams.require_captain(call.session, actor, team)
        city = self.request.city or team.city
        opponents = await self._opponents(team, city)
        places = await self._playgrounds(team, city)
        busy = await matches.upcoming_matches(
            call.session, actor, team.id, now=call.now, limit=BUSY
        )
        allowed = self._allowed(team, opponents, places, [m.scheduled_at for m in busy])
        return Gathered(
            {
                "team": {"id": str(team.id), "name": team.name, "rating": round(team.rating, 2)},
                "wishes": self.request.wishes,
                "city": city,
                "now": call.now.isoformat(),
                "earliest": allowed.earliest.isoformat(),
                "latest": allowed.latest.isoformat(),
                "busy": [at.isoformat() for at in allowed.busy],
                "min_gap_minutes": int(allowed.gap.total_seconds() // 60),
                "opponents": [_opponent(t) for t in opponents],
                "playgrounds": [_playground(p) for p in places],
            },
            check=allowed.check,
        )

    async def _opponents(self, team: Team, city: str) -> list[Team]:
        page = await teams.list_teams(
            self.call.session,
            self.call.principal(),
            sport_id=team.sport_id,
            city=city,
            search=None,
            order=TeamOrder.RATING,
            page=PageRequest(first=OPPONENTS),
        )
        return [t for t in page.items if t.sport_id == team.sport_id and t.id != team.id]

    async def _playgrounds(self, team: Team, city: str) -> list[Playground]:
        page = await playgrounds.search_playgrounds(
            self.call.session,
            self.call.principal(),
            search=None,
            city=city,
            sport_id=team.sport_id,
            surface=None,
            page=PageRequest(first=PLAYGROUNDS),
        )
        return page.items

    def _allowed(
        self, team: Team, opponents: list[Team], places: list[Playground], busy: list[datetime]
    ) -> Allowed:
        settings = self.call.settings.matches
        return Allowed(
            team_id=team.id,
            opponents=frozenset(t.id for t in opponents),
            playgrounds=frozenset(p.id for p in places),
            earliest=self.call.now,
            latest=self.call.now + timedelta(days=settings.max_days_ahead),
            busy=tuple(busy),
            gap=timedelta(minutes=settings.duration_minutes),
        )


def _opponent(team: Team) -> dict[str, Any]:
    return {
        "id": str(team.id),
        "name": team.name,
        "rating": round(team.rating, 2),
        "record": {"wins": team.wins, "draws": team.draws, "losses": team.losses},
        "form": team.form,
    }


def _playground(place: Playground) -> dict[str, Any]:
    return {
        "id": str(place.id),
        "name": place.name,
        "address": place.address,
        "surface": place.surface.value,
        "rating": place.rating,
    }


async def gather(call: FlowCall, request: ChallengeWizardRequest) -> Gathered:
    return await ChallengeWizardContext(call, request).gather()


MATCH_CHALLENGE = register(
    Flow(
        name="suggestMatchChallenge",
        description=(
            "Мастер вызова: соперники, площадки и время товарищеского матча из наших данных; "
            "ответ — готовые вводы challengeTeam (капитану команды)."
        ),
        input=ChallengeWizardRequest,
        output=ChallengeSuggestions,
        prompt=Prompt(
            "match-challenge@1",
            "Ты помогаешь капитану любительской команды устроить товарищеский матч. Предложи "
            "до трёх вариантов вызова с учётом пожеланий (wishes): соперник только из "
            "opponents (по id; лучше близкий по рейтингу), площадка только из playgrounds (по "
            "id), время строго позже earliest и не позже latest, с часовым поясом, не ближе "
            "min_gap_minutes минут к матчам из busy, в удобное для любителей время (вечер "
            "будней или выходные). from_team_id — id команды из team. Добавь короткий "
            "дружелюбный текст вызова и причину выбора. Если соперников или площадок нет, "
            "верни пустой список drafts и объясни в summary.",
        ),
        gather=gather,
    )
)
