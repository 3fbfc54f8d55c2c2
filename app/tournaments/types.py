from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.utils.await_maybe import AwaitableOrValue

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.graphql.loading import known_if_any, selects
from app.sports.types import Sport
from app.teams.types import Team
from app.tournaments import models, service, views
from app.tournaments.enums import (
    EntryStatus,
    SeedingMethod,
    SlotState,
    Stage,
    TieBreaker,
    TournamentFormat,
    TournamentStatus,
)
from app.users.types import User

if TYPE_CHECKING:
    from app.matches.types import Match

LazyMatch = Annotated["Match", strawberry.lazy("app.matches.types")]


async def _team(info: Info, team_id: uuid.UUID | None) -> Team | None:
    if team_id is None:
        return None
    team = await info.context.loaders.team_by_id.load(team_id)
    return Team.from_model(team) if team else None


async def _user(info: Info, user_id: uuid.UUID) -> User:
    user = await info.context.loaders.user_by_id.load(user_id)
    if user is None:
        raise RuntimeError(f"dangling user reference {user_id}")
    return User.from_model(user)


@strawberry.type(description="Заявка команды на турнир (и участник после одобрения).")
class TournamentApplication:
    id: strawberry.ID
    status: EntryStatus
    seed: int | None = strawberry.field(description="Посев (1 — сильнейший), после старта.")
    placement: int | None = strawberry.field(
        description="Итоговое место (общие места повторяются)."
    )
    decision_reason: str | None
    checked_in_at: datetime | None
    created_at: datetime
    decided_at: datetime | None
    model: strawberry.Private[models.TournamentEntry]

    @classmethod
    def from_model(cls, e: models.TournamentEntry) -> TournamentApplication:
        return cls(
            id=to_id(e.id),
            status=e.status,
            seed=e.seed,
            placement=e.placement,
            decision_reason=e.decision_reason,
            checked_in_at=e.checked_in_at,
            created_at=e.created_at,
            decided_at=e.decided_at,
            model=e,
        )

    @strawberry.field(graphql_type=Team | None)
    def team(self, info: Info) -> AwaitableOrValue[Team | None]:
        return known_if_any(info.context.loaders.team_by_id, self.model.team_id, Team.from_model)

    @strawberry.field(description="Заявленный состав.")
    async def roster(self, info: Info) -> list[User]:
        return [await _user(info, user_id) for user_id in self.model.roster_user_ids]

    @strawberry.field
    async def tournament(self, info: Info) -> Tournament:
        found = await info.context.loaders.tournament_by_id.load(self.model.tournament_id)
        if found is None:
            raise RuntimeError(f"dangling tournament reference {self.model.tournament_id}")
        return Tournament.from_model(found)


async def _team_tournaments(root: Team, info: Info) -> list[TournamentApplication]:
    entries = await info.context.loaders.entries_by_team_id.load(root.model.id)
    return [TournamentApplication.from_model(entry) for entry in entries]


@strawberry.type
class TeamTournamentFields:
    """The team page's tournaments; the tournaments domain adds them to ``Team``."""

    tournaments: list[TournamentApplication] = strawberry.field(
        resolver=_team_tournaments,
        description="Участие в турнирах (одобренные заявки, до 20), последние по дате старта "
        "первыми; placement — итоговое место.",
    )


@strawberry.type(description="Объявление организатора для участников.")
class TournamentAnnouncement:
    id: strawberry.ID
    body: str
    created_at: datetime
    model: strawberry.Private[models.TournamentAnnouncement]

    @classmethod
    def from_model(cls, a: models.TournamentAnnouncement) -> TournamentAnnouncement:
        return cls(id=to_id(a.id), body=a.body, created_at=a.created_at, model=a)

    @strawberry.field
    async def author(self, info: Info) -> User:
        return await _user(info, self.model.author_id)


@strawberry.type(description="Сторона матча в сетке.")
class BracketSide:
    seed: int | None
    score: int | None
    bye: bool = strawberry.field(description="Соперника нет: проход без игры.")
    source: str | None = strawberry.field(
        description="Откуда придёт участник: WINNER:<ключ>, LOSER:<ключ>, GROUP:<группа>:<место>."
    )
    team: Team | None


@strawberry.type(description="Место в сетке: матч, который сыгран, будет сыгран или не нужен.")
class BracketMatch:
    key: str
    stage: Stage
    round: int
    position: int
    group: int | None
    state: SlotState
    home: BracketSide
    away: BracketSide
    winner: Team | None
    match: LazyMatch | None = strawberry.field(description="Матч, если он уже назначен.")

    @classmethod
    def from_view(cls, v: views.SlotView, known: _Known) -> BracketMatch:
        return cls(
            key=v.key,
            stage=v.stage,
            round=v.round,
            position=v.position,
            group=v.group,
            state=v.state,
            home=_side(v.home, known),
            away=_side(v.away, known),
            winner=known.team(v.winner_team_id),
            match=known.match(v.match_id),
        )


def _side(v: views.SideView, known: _Known) -> BracketSide:
    return BracketSide(
        seed=v.seed, score=v.score, bye=v.bye, source=v.source, team=known.team(v.team_id)
    )


@dataclass(frozen=True, slots=True)
class _Known:
    """The teams and matches a bracket or table names, loaded in one batch each before the
    objects are built: their ``team``/``match`` fields are then plain values, not one
    resolver (and one asyncio task) per slot, which made most of the tournament page's CPU."""

    teams: dict[uuid.UUID, Team]
    matches: dict[uuid.UUID, Match]

    def team(self, team_id: uuid.UUID | None) -> Team | None:
        return self.teams.get(team_id) if team_id is not None else None

    def match(self, match_id: uuid.UUID | None) -> Match | None:
        return self.matches.get(match_id) if match_id is not None else None


async def _known(
    info: Info, team_ids: Iterable[uuid.UUID | None], match_ids: Iterable[uuid.UUID | None] = ()
) -> _Known:
    from app.matches.types import Match

    loaders = info.context.loaders
    wanted_teams = list(dict.fromkeys(i for i in team_ids if i is not None))
    wanted_matches = list(dict.fromkeys(i for i in match_ids if i is not None))
    teams = await loaders.team_by_id.load_many(wanted_teams)
    matches = await loaders.match_by_id.load_many(wanted_matches)
    return _Known(
        teams={t.id: Team.from_model(t) for t in teams if t is not None},
        matches={m.id: Match.from_model(m) for m in matches if m is not None},
    )


@strawberry.type(description="Тур одной части сетки.")
class BracketRound:
    stage: Stage
    group: int | None
    number: int
    matches: list[BracketMatch]


@strawberry.type
class TieBreakValue:
    tie_breaker: TieBreaker
    value: float


@strawberry.type(description="Строка турнирной таблицы.")
class StandingRow:
    place: int
    played: int
    wins: int
    draws: int
    losses: int
    byes: int
    goals_for: int
    goals_against: int
    points: int
    tie_breakers: list[TieBreakValue]
    team: Team | None


@strawberry.type(description="Турнирная таблица (всего турнира или группы).")
class StandingsTable:
    group: int | None
    rows: list[StandingRow]


def _table(v: views.TableView, known: _Known) -> StandingsTable:
    return StandingsTable(
        group=v.group,
        rows=[
            StandingRow(
                place=r.place,
                played=r.played,
                wins=r.wins,
                draws=r.draws,
                losses=r.losses,
                byes=r.byes,
                goals_for=r.goals_for,
                goals_against=r.goals_against,
                points=r.points,
                tie_breakers=[
                    TieBreakValue(tie_breaker=k, value=v) for k, v in r.tie_breaks.items()
                ],
                team=known.team(team_id),
            )
            for team_id, r in v.rows
        ],
    )


@strawberry.type(description="Требования к командам.")
class TournamentRequirements:
    roster_min: int
    roster_max: int | None
    rating_min: float | None
    rating_max: float | None
    age_min: int | None
    age_max: int | None


@strawberry.type(description="Настройки формата.")
class TournamentFormatSettings:
    third_place: bool
    double_round_robin: bool
    swiss_rounds: int | None
    group_count: int | None
    advance_per_group: int | None
    seeding: SeedingMethod
    seeding_seed: str | None = strawberry.field(description="Зерно жеребьёвки (для повторения).")
    points_win: int
    points_draw: int
    points_loss: int
    tie_breakers: list[TieBreaker]
    round_interval_minutes: int


@strawberry.type(description="Турнир.")
class Tournament:
    id: strawberry.ID
    slug: str
    name: str
    city: str
    description: str | None
    rules: str | None
    prize: str | None
    status: TournamentStatus
    format: TournamentFormat
    capacity: int
    registration_opens_at: datetime
    registration_closes_at: datetime
    starts_at: datetime
    entry_fee: int = strawberry.field(description="Взнос в PD.")
    check_in_required: bool
    started_at: datetime | None
    finished_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    created_at: datetime
    model: strawberry.Private[models.Tournament]

    @classmethod
    def from_model(cls, t: models.Tournament) -> Tournament:
        return cls(
            id=to_id(t.id),
            slug=t.slug,
            name=t.name,
            city=t.city,
            description=t.description,
            rules=t.rules,
            prize=t.prize,
            status=t.status,
            format=t.format,
            capacity=t.capacity,
            registration_opens_at=t.registration_opens_at,
            registration_closes_at=t.registration_closes_at,
            starts_at=t.starts_at,
            entry_fee=t.entry_fee,
            check_in_required=t.check_in_required,
            started_at=t.started_at,
            finished_at=t.finished_at,
            cancelled_at=t.cancelled_at,
            cancel_reason=t.cancel_reason,
            created_at=t.created_at,
            model=t,
        )

    @strawberry.field
    def requirements(self) -> TournamentRequirements:
        t = self.model
        return TournamentRequirements(
            roster_min=t.roster_min,
            roster_max=t.roster_max,
            rating_min=t.rating_min,
            rating_max=t.rating_max,
            age_min=t.age_min,
            age_max=t.age_max,
        )

    @strawberry.field
    def settings(self) -> TournamentFormatSettings:
        t = self.model
        return TournamentFormatSettings(
            third_place=t.third_place,
            double_round_robin=t.double_round_robin,
            swiss_rounds=t.swiss_rounds,
            group_count=t.group_count,
            advance_per_group=t.advance_per_group,
            seeding=t.seeding,
            seeding_seed=str(t.seeding_seed) if t.seeding_seed is not None else None,
            points_win=t.points_win,
            points_draw=t.points_draw,
            points_loss=t.points_loss,
            tie_breakers=[TieBreaker(b) for b in t.tie_breakers],
            round_interval_minutes=t.round_interval_minutes,
        )

    @strawberry.field
    async def sport(self, info: Info) -> Sport | None:
        sport = await info.context.loaders.sport_by_id.load(self.model.sport_id)
        return Sport.from_model(sport) if sport else None

    @strawberry.field
    async def organizer(self, info: Info) -> User:
        return await _user(info, self.model.organizer_id)

    @strawberry.field
    async def champion(self, info: Info) -> Team | None:
        return await _team(info, self.model.champion_team_id)

    @strawberry.field(description="Одобренные команды (после старта — в порядке посева).")
    async def participants(self, info: Info) -> list[TournamentApplication]:
        entries = await info.context.loaders.entries_by_tournament_id.load(self.model.id)
        approved = [e for e in entries if e.status == EntryStatus.APPROVED]
        if selects(info, "team"):
            await info.context.loaders.team_by_id.load_many([e.team_id for e in approved])
        return [TournamentApplication.from_model(e) for e in approved]

    @strawberry.field(description="Все заявки; видит организатор (остальным — null).")
    async def applications(self, info: Info) -> list[TournamentApplication] | None:
        if not service.may_manage(info.context.actor(), self.model):
            return None
        entries = await info.context.loaders.entries_by_tournament_id.load(self.model.id)
        return [TournamentApplication.from_model(e) for e in entries]

    @strawberry.field
    async def judges(self, info: Info) -> list[User]:
        ids = await info.context.loaders.judge_ids_by_tournament_id.load(self.model.id)
        return [await _user(info, user_id) for user_id in ids]

    @strawberry.field(description="Последние объявления, новые первыми.")
    async def announcements(self, info: Info) -> list[TournamentAnnouncement]:
        items = await info.context.loaders.announcements_by_tournament_id.load(self.model.id)
        return [TournamentAnnouncement.from_model(a) for a in items]

    @strawberry.field(description="Сетка по частям и турам; пусто до старта.")
    async def bracket(self, info: Info) -> list[BracketRound]:
        order, rows = await _state(info, self.model)
        found = views.bracket(self.model, order, rows) if order else []
        slots = [slot for r in found for slot in r.slots]
        known = await _known(
            info,
            (t for s in slots for t in (s.home.team_id, s.away.team_id, s.winner_team_id)),
            (s.match_id for s in slots),
        )
        return [
            BracketRound(
                stage=r.stage,
                group=r.group,
                number=r.number,
                matches=[BracketMatch.from_view(s, known) for s in r.slots],
            )
            for r in found
        ]

    @strawberry.field(description="Таблицы (круговой, швейцарская система, группы).")
    async def standings(self, info: Info) -> list[StandingsTable]:
        order, rows = await _state(info, self.model)
        tables = views.tables(self.model, order, rows) if order else []
        known = await _known(info, (team_id for v in tables for team_id, _ in v.rows))
        return [_table(v, known) for v in tables]

    @strawberry.field(description="Назначенные матчи по времени.")
    async def schedule(self, info: Info) -> list[LazyMatch]:
        from app.matches.types import Match

        _, rows = await _state(info, self.model)
        ids = [row.match_id for row in rows if row.match_id is not None]
        found = [m for m in await info.context.loaders.match_by_id.load_many(ids) if m]
        return [Match.from_model(m) for m in sorted(found, key=lambda m: (m.scheduled_at, m.id))]


async def _state(
    info: Info, t: models.Tournament
) -> tuple[list[uuid.UUID], list[models.TournamentMatch]]:
    """The seed order (team ids) and the bracket rows, through the operation's loaders."""
    entries = await info.context.loaders.entries_by_tournament_id.load(t.id)
    seeded = sorted((e for e in entries if e.seed is not None), key=lambda e: e.seed or 0)
    rows = await info.context.loaders.slots_by_tournament_id.load(t.id)
    return [e.team_id for e in seeded], rows
