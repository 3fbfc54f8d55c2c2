from __future__ import annotations

from datetime import datetime

import strawberry

from app.graphql.ids import parse_id, require_id
from app.tournaments.enums import SeedingMethod, TieBreaker, TournamentFormat
from app.tournaments.settings import TournamentFields


@strawberry.input(description="Все настройки турнира (при изменении передаются целиком).")
class TournamentSettingsInput:
    name: str
    sport_id: strawberry.ID
    city: str
    format: TournamentFormat
    capacity: int
    registration_opens_at: datetime
    registration_closes_at: datetime
    starts_at: datetime
    playground_id: strawberry.ID | None = None
    description: str | None = None
    rules: str | None = None
    prize: str | None = None
    round_interval_minutes: int = 120
    entry_fee: int = strawberry.field(default=0, description="Взнос в PD.")
    roster_min: int = 1
    roster_max: int | None = None
    rating_min: float | None = None
    rating_max: float | None = None
    age_min: int | None = None
    age_max: int | None = None
    check_in_required: bool = False
    third_place: bool = False
    double_round_robin: bool = False
    swiss_rounds: int | None = None
    group_count: int | None = None
    advance_per_group: int | None = None
    seeding: SeedingMethod = SeedingMethod.RATING
    points_win: int = 3
    points_draw: int = 1
    points_loss: int = 0
    tie_breakers: list[TieBreaker] = strawberry.field(default_factory=list)

    def to_fields(self) -> TournamentFields:
        return TournamentFields(
            name=self.name,
            sport_id=require_id(self.sport_id),
            city=self.city,
            format=self.format,
            capacity=self.capacity,
            registration_opens_at=self.registration_opens_at,
            registration_closes_at=self.registration_closes_at,
            starts_at=self.starts_at,
            playground_id=parse_id(self.playground_id) if self.playground_id else None,
            description=self.description,
            rules=self.rules,
            prize=self.prize,
            round_interval_minutes=self.round_interval_minutes,
            entry_fee=self.entry_fee,
            roster_min=self.roster_min,
            roster_max=self.roster_max,
            rating_min=self.rating_min,
            rating_max=self.rating_max,
            age_min=self.age_min,
            age_max=self.age_max,
            check_in_required=self.check_in_required,
            third_place=self.third_place,
            double_round_robin=self.double_round_robin,
            swiss_rounds=self.swiss_rounds,
            group_count=self.group_count,
            advance_per_group=self.advance_per_group,
            seeding=self.seeding,
            points_win=self.points_win,
            points_draw=self.points_draw,
            points_loss=self.points_loss,
            tie_breakers=list(self.tie_breakers),
        )


@strawberry.input
class CreateTournamentInput:
    settings: TournamentSettingsInput


@strawberry.input
class UpdateTournamentInput:
    tournament_id: strawberry.ID
    settings: TournamentSettingsInput


@strawberry.input
class TournamentIdInput:
    tournament_id: strawberry.ID


@strawberry.input
class StartTournamentInput:
    tournament_id: strawberry.ID
    seeding: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Ручной посев: id всех одобренных команд, сильнейшая первой."
    )


@strawberry.input
class CancelTournamentInput:
    tournament_id: strawberry.ID
    reason: str


@strawberry.input
class ApplyToTournamentInput:
    tournament_id: strawberry.ID
    team_id: strawberry.ID
    roster_user_ids: list[strawberry.ID]


@strawberry.input
class DecideTournamentApplicationInput:
    application_id: strawberry.ID
    approve: bool
    reason: str | None = None


@strawberry.input
class TournamentApplicationIdInput:
    application_id: strawberry.ID


@strawberry.input
class TournamentJudgeInput:
    tournament_id: strawberry.ID
    user_id: strawberry.ID


@strawberry.input
class PostTournamentAnnouncementInput:
    tournament_id: strawberry.ID
    body: str
