"""A tournament's settings and their validation (shared by create and update)."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import FieldCode, FieldIssue
from app.playgrounds import service as playgrounds
from app.sports import service as sports
from app.tournaments.formats import swiss
from app.tournaments.formats.standings import TieBreaker
from app.tournaments.models import SeedingMethod, Tournament, TournamentFormat
from app.validation import Validator

MIN_CAPACITY, MAX_CAPACITY = 4, 128
MAX_ENTRY_FEE = 100_000


@dataclass(frozen=True, slots=True)
class TournamentFields:
    name: str
    sport_id: uuid.UUID
    city: str
    format: TournamentFormat
    capacity: int
    registration_opens_at: datetime
    registration_closes_at: datetime
    starts_at: datetime
    playground_id: uuid.UUID | None = None
    description: str | None = None
    rules: str | None = None
    prize: str | None = None
    round_interval_minutes: int = 120
    entry_fee: int = 0
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
    tie_breakers: list[TieBreaker] = field(default_factory=list)


async def validate_fields(
    session: AsyncSession, fields: TournamentFields, *, now: datetime, current: Tournament | None
) -> dict[str, object]:
    v = Validator()
    values = _check_rules(v, fields, now, current)
    if await sports.get_sport(session, fields.sport_id) is None:
        v.add("sportId", FieldCode.NOT_FOUND, "Вид спорта не найден")
    if fields.playground_id is not None and not await playgrounds.approved_playground_ids(
        session, [fields.playground_id]
    ):
        v.add("playgroundId", FieldCode.NOT_FOUND, "Площадка не найдена")
    v.raise_if_any()
    return values


def rule_issues(fields: TournamentFields, *, now: datetime) -> list[FieldIssue]:
    """What creating a tournament with these settings would refuse, short of the sport and
    playground lookups (the AI tournament wizard checks its drafts with it)."""
    v = Validator()
    _check_rules(v, fields, now, None)
    return v.issues


def _check_rules(
    v: Validator, fields: TournamentFields, now: datetime, current: Tournament | None
) -> dict[str, object]:
    fields = replace(
        fields,
        registration_opens_at=_utc(fields.registration_opens_at),
        registration_closes_at=_utc(fields.registration_closes_at),
        starts_at=_utc(fields.starts_at),
    )
    values = asdict(fields)
    values["name"] = v.text("name", fields.name, min_len=3, max_len=120, required=True)
    values["city"] = v.text("city", fields.city, min_len=2, max_len=100, required=True)
    for name in ("description", "rules", "prize"):
        values[name] = v.text(name, getattr(fields, name), max_len=5000)
    values["tie_breakers"] = [b.value for b in fields.tie_breakers]
    _check_numbers(v, fields)
    _check_dates(v, fields, now, current)
    _check_format(v, fields)
    return values


def _utc(moment: datetime) -> datetime:
    """Times without a zone are taken as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _check_numbers(v: Validator, f: TournamentFields) -> None:
    v.int_range("capacity", f.capacity, low=MIN_CAPACITY, high=MAX_CAPACITY)
    v.int_range("entryFee", f.entry_fee, low=0, high=MAX_ENTRY_FEE)
    v.int_range("roundIntervalMinutes", f.round_interval_minutes, low=15, high=7 * 24 * 60)
    v.int_range("rosterMin", f.roster_min, low=1, high=50)
    v.int_range("rosterMax", f.roster_max, low=f.roster_min, high=50)
    v.int_range("ageMin", f.age_min, low=5, high=99)
    v.int_range("ageMax", f.age_max, low=f.age_min or 5, high=99)
    v.int_range("pointsWin", f.points_win, low=f.points_draw + 1, high=10)
    v.int_range("pointsDraw", f.points_draw, low=f.points_loss, high=10)
    v.int_range("pointsLoss", f.points_loss, low=0, high=10)
    if f.rating_min is not None and f.rating_max is not None and f.rating_min > f.rating_max:
        v.add("ratingMax", FieldCode.OUT_OF_RANGE, "Максимальный рейтинг меньше минимального")
    if len(set(f.tie_breakers)) != len(f.tie_breakers):
        v.add("tieBreakers", FieldCode.DUPLICATE, "Критерии не должны повторяться")


def _check_dates(
    v: Validator, f: TournamentFields, now: datetime, current: Tournament | None
) -> None:
    unchanged = current is not None and current.starts_at == f.starts_at
    if f.starts_at <= now and not unchanged:
        v.add("startsAt", FieldCode.OUT_OF_RANGE, "Турнир должен начинаться в будущем")
    if f.registration_closes_at <= f.registration_opens_at:
        v.add(
            "registrationClosesAt",
            FieldCode.OUT_OF_RANGE,
            "Регистрация должна закрываться позже, чем открывается",
        )
    if f.registration_closes_at > f.starts_at:
        v.add(
            "registrationClosesAt", FieldCode.OUT_OF_RANGE, "Регистрация должна закрыться до старта"
        )


def _check_format(v: Validator, f: TournamentFields) -> None:
    v.int_range("swissRounds", f.swiss_rounds, low=1, high=MAX_CAPACITY)
    v.int_range("groupCount", f.group_count, low=2, high=MAX_CAPACITY // 2)
    v.int_range("advancePerGroup", f.advance_per_group, low=1, high=MAX_CAPACITY // 2)
    if not v.ok("swissRounds") or not v.ok("groupCount") or not v.ok("advancePerGroup"):
        return
    if f.format == TournamentFormat.SWISS and f.swiss_rounds is not None:
        v.int_range("swissRounds", f.swiss_rounds, low=1, high=swiss.max_rounds(f.capacity))
    if f.format == TournamentFormat.GROUPS_PLAYOFF:
        groups, advance = f.group_count or 2, f.advance_per_group or 2
        v.int_range("groupCount", groups, low=2, high=f.capacity // 2)
        v.int_range("advancePerGroup", advance, low=1, high=max(1, f.capacity // max(groups, 1)))
