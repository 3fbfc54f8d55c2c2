"""Tournaments of every format, played through the real bracket engine: finished ones to the
end, running ones halfway (with their next matches scheduled), open ones still registering."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime, timedelta

from app.dataset.games import Games
from app.dataset.places import Place
from app.dataset.plan import Run
from app.dataset.tables import Dataset
from app.dataset.teams import Side
from app.tournaments import engine
from app.tournaments.formats.plan import FormatError
from app.tournaments.models import (
    EntryStatus,
    Tournament,
    TournamentFormat,
    TournamentMatch,
    TournamentStatus,
)

F = TournamentFormat
FORMATS = (
    (F.DOUBLE_ELIMINATION, 64),
    (F.SINGLE_ELIMINATION, 32),
    (F.ROUND_ROBIN, 8),
    (F.SWISS, 16),
    (F.GROUPS_PLAYOFF, 16),
    (F.DOUBLE_ELIMINATION, 16),
    (F.SINGLE_ELIMINATION, 16),
    (F.ROUND_ROBIN, 6),
    (F.SWISS, 12),
    (F.GROUPS_PLAYOFF, 8),
)
STATUSES = (TournamentStatus.FINISHED, TournamentStatus.IN_PROGRESS, TournamentStatus.REGISTRATION)
TOURNAMENT_COLUMNS = (
    *("id", "slug", "name", "sport_id", "organizer_id", "city", "playground_id", "description"),
    *("prize", "status", "format", "capacity", "registration_opens_at"),
    *("registration_closes_at", "starts_at", "round_interval_minutes", "swiss_rounds"),
    *("group_count", "advance_per_group", "champion_team_id", "started_at", "finished_at"),
    *("created_at", "updated_at"),
)


def add_cups(
    run: Run, data: Dataset, games: Games, sides: list[Side], places: dict[str, list[Place]]
) -> None:
    by_sport: dict[uuid.UUID, list[Side]] = defaultdict(list)
    for side in sides:
        by_sport[side.sport.id].append(side)
    sports = list(by_sport.values())
    for number in range(run.plan.tournaments):
        fmt, capacity = FORMATS[number % len(FORMATS)]
        pool = sports[number % len(sports)]
        n = min(capacity, len(pool))
        status = STATUSES[(number // len(FORMATS)) % len(STATUSES)]
        t = _tournament(run, number, fmt, capacity, n, status, pool[0])
        try:
            engine.validate(t, n)
        except FormatError:
            continue
        _cup(run, data, games, t, run.source.sample(pool, n), places)


def _tournament(
    run: Run,
    number: int,
    fmt: TournamentFormat,
    capacity: int,
    n: int,
    status: TournamentStatus,
    any_side: Side,
) -> Tournament:
    days = {TournamentStatus.FINISHED: -60, TournamentStatus.IN_PROGRESS: -1}.get(status, 10)
    starts = run.now.replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=days)
    starts -= timedelta(days=number % 7)
    return Tournament(
        id=run.source.uuid(),
        slug=f"cup-{number}",
        name=f"Кубок двора №{number}",
        sport_id=any_side.sport.id,
        city=any_side.city,
        status=status,
        format=fmt,
        capacity=max(capacity, n, 4),
        starts_at=starts,
        round_interval_minutes=120,
        third_place=False,
        double_round_robin=False,
        swiss_rounds=4 if fmt is F.SWISS else None,
        group_count=2 if fmt is F.GROUPS_PLAYOFF else None,
        advance_per_group=2 if fmt is F.GROUPS_PLAYOFF else None,
        points_win=3,
        points_draw=1,
        points_loss=0,
        tie_breakers=[],
    )


def _cup(
    run: Run,
    data: Dataset,
    games: Games,
    t: Tournament,
    teams: list[Side],
    places: dict[str, list[Place]],
) -> None:
    r = run.source
    organizer = r.pick(teams).captain
    nearby = places.get(t.city) or []
    place = r.pick(nearby) if nearby else None
    order = sorted(teams, key=lambda side: (-side.rating, side.number))
    registering = t.status is TournamentStatus.REGISTRATION
    slots = [] if registering else _bracket(run, games, t, order, place)
    played_all = t.status is TournamentStatus.FINISHED
    places_by_seed = engine.final_placements(t, len(order), slots) if played_all else None
    champion = None
    if places_by_seed:
        champion = next(order[s] for s, p in sorted(places_by_seed.items()) if p == 1)
    else:
        t.status = TournamentStatus.IN_PROGRESS if slots else t.status
    opens = t.starts_at - timedelta(days=14)
    data.table("tournaments", *TOURNAMENT_COLUMNS).add(
        t.id,
        t.slug,
        t.name,
        t.sport_id,
        organizer.id,
        t.city,
        place.id if place else None,
        "Турнир для дворовых команд",
        "Кубок и 1000 PD",
        t.status.value,
        t.format.value,
        t.capacity,
        opens,
        t.starts_at - timedelta(days=1),
        t.starts_at,
        t.round_interval_minutes,
        t.swiss_rounds,
        t.group_count,
        t.advance_per_group,
        champion.id if champion else None,
        None if registering else t.starts_at,
        _last(slots) if champion else None,
        opens - timedelta(days=1),
        opens,
    )
    entries = data.table(
        "tournament_entries",
        *("id", "tournament_id", "team_id", "roster_user_ids", "status", "applied_by_id"),
        *("decided_by_id", "seed", "placement", "created_at", "decided_at"),
    )
    for seed, side in enumerate(order):
        approved = not registering or r.chance(0.7)
        entries.add(
            r.uuid(),
            t.id,
            side.id,
            [p.id for p in side.members[:10]],
            (EntryStatus.APPROVED if approved else EntryStatus.PENDING).value,
            side.captain.id,
            organizer.id if approved else None,
            None if registering else seed + 1,
            places_by_seed.get(seed) if places_by_seed else None,
            opens + timedelta(hours=seed),
            opens + timedelta(days=1) if approved else None,
        )
    rows = data.table(
        "tournament_matches",
        *("tournament_id", "slot_key", "match_id", "round", "home_seed", "away_seed"),
        *("home_score", "away_score", "winner_side", "confirmed_at", "created_at"),
    )
    for slot in slots:
        rows.add(
            t.id,
            slot.slot_key,
            slot.match_id,
            slot.round,
            slot.home_seed,
            slot.away_seed,
            slot.home_score,
            slot.away_score,
            slot.winner_side,
            slot.confirmed_at,
            slot.created_at,
        )


def _bracket(
    run: Run, games: Games, t: Tournament, order: list[Side], place: Place | None
) -> list[TournamentMatch]:
    """Round after round until nothing is playable (finished) or the running ones' cut-off."""
    rows: list[TournamentMatch] = []
    stop_after = None if t.status is TournamentStatus.FINISHED else 2
    round_no = 0
    while ready := engine.next_slots(t, len(order), rows):
        round_no += 1
        for slot in ready:
            at = t.starts_at + timedelta(minutes=t.round_interval_minutes * (slot.round - 1))
            row = TournamentMatch(
                slot_key=slot.key,
                round=slot.round,
                home_seed=slot.home_seed,
                away_seed=slot.away_seed,
                created_at=t.starts_at,
            )
            rows.append(row)
            if slot.away_seed is None:
                row.confirmed_at = at
                continue
            home, away = order[slot.home_seed], order[slot.away_seed]
            if stop_after is not None and round_no > stop_after:
                row.match_id = games.schedule(home, away, run.now + timedelta(hours=2), place, t.id)
                continue
            knockout = t.format in (F.SINGLE_ELIMINATION, F.DOUBLE_ELIMINATION)
            knockout = knockout or slot.key.startswith("P")
            match_id, home_score, away_score = games.play(
                home, away, at, place, t.id, draw_allowed=not knockout
            )
            row.match_id, row.home_score, row.away_score = match_id, home_score, away_score
            row.winner_side = (
                "home" if home_score > away_score else "away" if away_score > home_score else None
            )
            row.confirmed_at = at + timedelta(hours=2)
        if stop_after is not None and round_no > stop_after:
            break
    return rows


def _last(slots: list[TournamentMatch]) -> datetime | None:
    return max((s.confirmed_at for s in slots if s.confirmed_at is not None), default=None)
