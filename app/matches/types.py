from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import strawberry
from strawberry.utils.await_maybe import AwaitableOrValue

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.graphql.loading import known, known_if_any, selects
from app.matches import models
from app.matches.enums import ChallengeStatus, MatchEventType, MatchStatus, ResultKind
from app.playgrounds.types import Playground
from app.sports.types import Sport
from app.teams.types import Team
from app.users.types import User

SCORING = (MatchEventType.GOAL, MatchEventType.ROUND_WIN)


async def _user(info: Info, user_id: uuid.UUID) -> User:
    user = await info.context.loaders.user_by_id.load(user_id)
    if user is None:
        raise RuntimeError(f"dangling user reference {user_id}")
    return User.from_model(user)


async def _maybe_user(info: Info, user_id: uuid.UUID | None) -> User | None:
    return await _user(info, user_id) if user_id is not None else None


async def _team(info: Info, team_id: uuid.UUID) -> Team:
    team = await info.context.loaders.team_by_id.load(team_id)
    if team is None:
        raise RuntimeError(f"dangling team reference {team_id}")
    return Team.from_model(team)


def _known_team(info: Info, team_id: uuid.UUID) -> AwaitableOrValue[Team]:
    return known(info.context.loaders.team_by_id, team_id, Team.from_model)


async def _sport(info: Info, sport_id: uuid.UUID) -> Sport:
    sport = await info.context.loaders.sport_by_id.load(sport_id)
    if sport is None:
        raise RuntimeError(f"dangling sport reference {sport_id}")
    return Sport.from_model(sport)


async def _playground(info: Info, playground_id: uuid.UUID | None) -> Playground | None:
    if playground_id is None:
        return None
    playground = await info.context.loaders.playground_by_id.load(playground_id)
    return Playground.from_model(playground) if playground else None


@strawberry.type(description="Счёт: голы хозяев и гостей.")
class MatchScore:
    home: int
    away: int


@strawberry.type(description="Событие протокола матча.")
class MatchEvent:
    id: strawberry.ID
    number: int = strawberry.field(description="Порядковый номер записи в протоколе.")
    type: MatchEventType
    minute: int
    comment: str | None
    recorded_at: datetime
    model: strawberry.Private[models.MatchEvent]

    @classmethod
    def from_model(cls, event: models.MatchEvent) -> MatchEvent:
        return cls(
            id=to_id(event.id),
            number=event.number,
            type=event.type,
            minute=event.minute,
            comment=event.comment,
            recorded_at=event.created_at,
            model=event,
        )

    @strawberry.field
    async def team(self, info: Info) -> Team:
        return await _team(info, self.model.team_id)

    @strawberry.field
    async def player(self, info: Info) -> User | None:
        return await _maybe_user(info, self.model.player_id)

    @strawberry.field(description="Ассистент гола или игрок, вышедший на замену.")
    async def related_player(self, info: Info) -> User | None:
        return await _maybe_user(info, self.model.related_player_id)


@strawberry.type(description="Состав команды на матч: игроки, которые в нём участвуют.")
class MatchLineup:
    team_id: strawberry.Private[uuid.UUID]
    player_ids: strawberry.Private[list[uuid.UUID]]

    @strawberry.field
    async def team(self, info: Info) -> Team:
        return await _team(info, self.team_id)

    @strawberry.field
    async def players(self, info: Info) -> list[User]:
        users = await info.context.loaders.user_by_id.load_many(self.player_ids)
        return [User.from_model(user) for user in users if user is not None]


@strawberry.type(description="Счёт, который сообщила одна из команд.")
class MatchReport:
    home_score: int
    away_score: int
    comment: str | None
    reported_at: datetime
    model: strawberry.Private[models.MatchReport]

    @classmethod
    def from_model(cls, report: models.MatchReport) -> MatchReport:
        return cls(
            home_score=report.home_score,
            away_score=report.away_score,
            comment=report.comment,
            reported_at=report.reported_at,
            model=report,
        )

    @strawberry.field(description="Команда, которая сообщила счёт.")
    async def team(self, info: Info) -> Team:
        return await _team(info, self.model.team_id)

    @strawberry.field
    async def reported_by(self, info: Info) -> User:
        return await _user(info, self.model.reported_by_id)


@strawberry.type(description="Спор о результате матча и его разрешение.")
class MatchDispute:
    opened_at: datetime
    reason: str
    evidence_urls: list[str]
    resolution: str | None
    resolved_at: datetime | None
    model: strawberry.Private[models.Match]

    @strawberry.field(description="Кто открыл спор; null, если команды сообщили разный счёт.")
    async def opened_by(self, info: Info) -> User | None:
        return await _maybe_user(info, self.model.disputed_by_id)

    @strawberry.field
    async def resolved_by(self, info: Info) -> User | None:
        return await _maybe_user(info, self.model.resolved_by_id)


@strawberry.type(description="Матч двух команд.")
class Match:
    id: strawberry.ID
    status: MatchStatus
    scheduled_at: datetime
    started_at: datetime | None
    finished_at: datetime | None = strawberry.field(description="Когда сообщили первый счёт.")
    confirm_by: datetime | None = strawberry.field(
        description="Когда неоспоренный счёт подтвердится сам."
    )
    confirmed_at: datetime | None
    result_kind: ResultKind | None
    technical_reason: str | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    tournament_id: strawberry.ID | None
    model: strawberry.Private[models.Match]

    @classmethod
    def from_model(cls, match: models.Match) -> Match:
        return cls(
            id=to_id(match.id),
            status=match.status,
            scheduled_at=match.scheduled_at,
            started_at=match.started_at,
            finished_at=match.finished_at,
            confirm_by=match.confirm_by,
            confirmed_at=match.confirmed_at,
            result_kind=match.result_kind,
            technical_reason=match.technical_reason,
            cancelled_at=match.cancelled_at,
            cancel_reason=match.cancel_reason,
            tournament_id=to_id(match.tournament_id) if match.tournament_id else None,
            model=match,
        )

    @strawberry.field(description="Подтверждённый счёт; null до подтверждения.")
    def score(self) -> MatchScore | None:
        if self.model.home_score is None or self.model.away_score is None:
            return None
        return MatchScore(home=self.model.home_score, away=self.model.away_score)

    @strawberry.field(description="Счёт по протоколу (голы и выигранные раунды).")
    async def live_score(self, info: Info) -> MatchScore:
        events = await info.context.loaders.protocol_by_match_id.load(self.model.id)
        scoring = [e.team_id for e in events if e.type in SCORING]
        home = sum(1 for team_id in scoring if team_id == self.model.home_team_id)
        return MatchScore(home=home, away=len(scoring) - home)

    @classmethod
    async def list_of(cls, info: Info, matches: Sequence[models.Match]) -> list[Match]:
        """The matches, their relations loaded first (``prefetch``)."""
        await cls.prefetch(info, matches)
        return [cls.from_model(match) for match in matches]

    @staticmethod
    async def prefetch(info: Info, matches: Sequence[models.Match], *, under: str = "") -> None:
        """Load the teams and playgrounds that the selection (at ``under``, when the matches
        sit deeper) asks for, one batch each, so that those fields resolve without a task."""
        loaders = info.context.loaders
        at = f"{under}." if under else ""
        if selects(info, *(f"{at}{side}" for side in ("homeTeam", "awayTeam", "winner"))):
            await loaders.team_by_id.load_many({t for m in matches for t in m.team_ids()})
        if selects(info, f"{at}playground"):
            playgrounds = {m.playground_id for m in matches if m.playground_id is not None}
            await loaders.playground_by_id.load_many(playgrounds)

    @strawberry.field(graphql_type=Team)
    def home_team(self, info: Info) -> AwaitableOrValue[Team]:
        return _known_team(info, self.model.home_team_id)

    @strawberry.field(graphql_type=Team)
    def away_team(self, info: Info) -> AwaitableOrValue[Team]:
        return _known_team(info, self.model.away_team_id)

    @strawberry.field(
        graphql_type=Team | None, description="Победитель; null при ничьей и до подтверждения."
    )
    def winner(self, info: Info) -> AwaitableOrValue[Team | None]:
        team_id = self.model.winner_team_id
        return _known_team(info, team_id) if team_id else None

    @strawberry.field
    async def sport(self, info: Info) -> Sport:
        return await _sport(info, self.model.sport_id)

    @strawberry.field(graphql_type=Playground | None)
    def playground(self, info: Info) -> AwaitableOrValue[Playground | None]:
        playground_id = self.model.playground_id
        if playground_id is None:
            return None
        return known_if_any(
            info.context.loaders.playground_by_id, playground_id, Playground.from_model
        )

    @strawberry.field(description="Составы хозяев и гостей (пустые, пока их не назвали).")
    async def lineups(self, info: Info) -> list[MatchLineup]:
        players = await info.context.loaders.lineups_by_match_id.load(self.model.id)
        return [
            MatchLineup(
                team_id=team_id, player_ids=[p.user_id for p in players if p.team_id == team_id]
            )
            for team_id in self.model.team_ids()
        ]

    @strawberry.field(description="Протокол: события по минутам.")
    async def events(self, info: Info) -> list[MatchEvent]:
        events = await info.context.loaders.protocol_by_match_id.load(self.model.id)
        return [MatchEvent.from_model(event) for event in events]

    @strawberry.field(description="Счёт, который сообщила каждая из команд.")
    async def reports(self, info: Info) -> list[MatchReport]:
        reports = await info.context.loaders.reports_by_match_id.load(self.model.id)
        return [MatchReport.from_model(report) for report in reports]

    @strawberry.field
    def dispute(self) -> MatchDispute | None:
        match = self.model
        if match.disputed_at is None:
            return None
        resolved = match.resolved_by_id is not None
        return MatchDispute(
            opened_at=match.disputed_at,
            reason=match.dispute_reason or "",
            evidence_urls=list(match.dispute_evidence_urls),
            resolution=match.resolution,
            resolved_at=match.confirmed_at if resolved else None,
            model=match,
        )

    @strawberry.field(
        description="Судьи матча: судьи его турнира, кроме игроков и участников его команд "
        "(им судить свой матч нельзя); споры решают и модераторы."
    )
    async def judges(self, info: Info) -> list[User]:
        if self.model.tournament_id is None:
            return []
        loaders = info.context.loaders
        ids = await loaders.judge_ids_by_tournament_id.load(self.model.tournament_id)
        barred = await self._parties(info) if ids else set()
        users = await loaders.user_by_id.load_many([i for i in ids if i not in barred])
        return [User.from_model(user) for user in users if user is not None]

    async def _parties(self, info: Info) -> set[uuid.UUID]:
        """As ``service.parties``: both rosters and both lineups."""
        loaders = info.context.loaders
        rosters = await loaders.members_by_team_id.load_many(self.model.team_ids())
        lineup = await loaders.lineups_by_match_id.load(self.model.id)
        return {m.user_id for roster in rosters for m in roster} | {p.user_id for p in lineup}


@strawberry.type(description="Вызов на товарищеский матч.")
class MatchChallenge:
    id: strawberry.ID
    proposed_at: datetime
    message: str | None
    created_at: datetime
    model: strawberry.Private[models.Challenge]

    @classmethod
    def from_model(cls, challenge: models.Challenge) -> MatchChallenge:
        return cls(
            id=to_id(challenge.id),
            proposed_at=challenge.proposed_at,
            message=challenge.message,
            created_at=challenge.created_at,
            model=challenge,
        )

    @strawberry.field(description="EXPIRED, как только предложенное время прошло без ответа.")
    def status(self, info: Info) -> ChallengeStatus:
        return self.model.status_at(info.context.now())

    @strawberry.field(description="Команда, бросившая вызов.")
    async def from_team(self, info: Info) -> Team:
        return await _team(info, self.model.from_team_id)

    @strawberry.field(description="Команда, которую вызвали.")
    async def to_team(self, info: Info) -> Team:
        return await _team(info, self.model.to_team_id)

    @strawberry.field(description="Чей капитан должен ответить сейчас.")
    async def awaiting_team(self, info: Info) -> Team:
        return await _team(info, self.model.awaiting_team_id)

    @strawberry.field
    async def sport(self, info: Info) -> Sport:
        return await _sport(info, self.model.sport_id)

    @strawberry.field
    async def playground(self, info: Info) -> Playground | None:
        return await _playground(info, self.model.playground_id)

    @strawberry.field
    async def created_by(self, info: Info) -> User:
        return await _user(info, self.model.created_by_id)

    @strawberry.field(description="Назначенный матч, если вызов принят.")
    async def match(self, info: Info) -> Match | None:
        if self.model.match_id is None:
            return None
        match = await info.context.loaders.match_by_id.load(self.model.match_id)
        return Match.from_model(match) if match else None


@strawberry.type(description="Изменение рейтинга после подтверждённого матча.")
class RatingChange:
    ordinal: float = strawberry.field(description="Рейтинг после матча: mu − 3·sigma.")
    ordinal_before: float
    mu: float
    sigma: float
    recorded_at: datetime
    model: strawberry.Private[models.SkillRatingChange]

    @classmethod
    def from_model(cls, change: models.SkillRatingChange) -> RatingChange:
        return cls(
            ordinal=change.ordinal,
            ordinal_before=change.ordinal_before,
            mu=change.mu,
            sigma=change.sigma,
            recorded_at=change.recorded_at,
            model=change,
        )

    @staticmethod
    async def prefetch(
        info: Info, changes: Sequence[models.SkillRatingChange], *, under: str
    ) -> None:
        """Load the matches (and their relations) that the selection at ``under`` asks for."""
        if selects(info, f"{under}.match"):
            ids = [change.match_id for change in changes]
            found = [m for m in await info.context.loaders.match_by_id.load_many(ids) if m]
            await Match.prefetch(info, found, under=f"{under}.match")

    @strawberry.field(graphql_type=Match)
    def match(self, info: Info) -> AwaitableOrValue[Match]:
        return known(info.context.loaders.match_by_id, self.model.match_id, Match.from_model)


@strawberry.type(description="Статистика игрока в одном виде спорта по подтверждённым матчам.")
class PlayerSportStats:
    matches: int
    wins: int
    draws: int
    losses: int
    goals: int
    assists: int
    yellow_cards: int
    red_cards: int
    kills: int
    deaths: int
    sport_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def sport(self, info: Info) -> Sport:
        return await _sport(info, self.sport_id)
