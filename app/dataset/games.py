"""Matches as they end up once played and confirmed: scores, lineups, the protocol, both
reports, each team's result and rating change, and the playground's king of the court."""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.dataset.places import Place
from app.dataset.plan import Run
from app.dataset.tables import Dataset
from app.dataset.teams import Side
from app.matches.models import MatchEventType, MatchStatus, ResultKind, SubjectKind

LINEUP = 5


@dataclass
class Court:
    """Wins per team at one playground, with when each last grew."""

    wins: dict[uuid.UUID, tuple[int, datetime]] = field(default_factory=dict)


@dataclass
class Games:
    run: Run
    data: Dataset
    courts: dict[uuid.UUID, Court] = field(default_factory=lambda: defaultdict(Court))
    results: dict[uuid.UUID, list[tuple[datetime, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def schedule(
        self,
        home: Side,
        away: Side,
        at: datetime,
        place: Place | None,
        tournament_id: uuid.UUID | None = None,
    ) -> uuid.UUID:
        """A match not played yet."""
        match_id = self.run.source.uuid()
        self._match(match_id, home, away, at, place, tournament_id, None, 0)
        return match_id

    def play(
        self,
        home: Side,
        away: Side,
        at: datetime,
        place: Place | None,
        tournament_id: uuid.UUID | None = None,
        *,
        draw_allowed: bool = True,
    ) -> tuple[uuid.UUID, int, int]:
        """A confirmed match, with everything its confirmation wrote; returns id and score."""
        r = self.run.source
        match_id = r.uuid()
        score = [r.goals(2.4), r.goals(2.0 if home.rating >= away.rating else 2.6)]
        if not draw_allowed and score[0] == score[1]:
            score[0 if r.chance(0.5) else 1] += 1
        winner = home if score[0] > score[1] else away if score[1] > score[0] else None
        events = self._protocol(match_id, home, away, at, score)
        outcome = (score[0], score[1], winner)
        self._match(match_id, home, away, at, place, tournament_id, outcome, events)
        for side, other, mine in ((home, away, score[0]), (away, home, score[1])):
            result = "WIN" if side is winner else "DRAW" if winner is None else "LOSS"
            self.data.table(
                "team_results", "team_id", "match_id", "result", "played_at", "recorded_at"
            ).add(side.id, match_id, result, at, at + timedelta(hours=2))
            self.results[side.id].append((at, result))
            self._rate(match_id, side, other, mine, score[0] + score[1] - mine, at)
        if winner is not None and place is not None:
            self._crown(match_id, place, winner, at)
        return match_id, score[0], score[1]

    def _match(
        self,
        match_id: uuid.UUID,
        home: Side,
        away: Side,
        at: datetime,
        place: Place | None,
        tournament_id: uuid.UUID | None,
        result: tuple[int, int, Side | None] | None,
        events: int,
    ) -> None:
        rows = self.data.table(
            "matches",
            *("id", "sport_id", "home_team_id", "away_team_id", "playground_id", "tournament_id"),
            *("scheduled_at", "status", "started_at", "finished_at", "confirmed_at"),
            *("home_score", "away_score", "winner_team_id", "result_kind", "reminded_at"),
            *("event_count", "created_at", "updated_at"),
        )
        played = result is not None
        rows.add(
            match_id,
            home.sport.id,
            home.id,
            away.id,
            place.id if place else None,
            tournament_id,
            at,
            (MatchStatus.CONFIRMED if played else MatchStatus.SCHEDULED).value,
            at if played else None,
            at + timedelta(hours=1) if played else None,
            at + timedelta(hours=2) if played else None,
            result[0] if result else None,
            result[1] if result else None,
            result[2].id if result and result[2] else None,
            ResultKind.AGREED.value if played else None,
            at - timedelta(hours=2) if played else None,
            events,
            at - timedelta(days=3),
            at + timedelta(hours=2) if played else at - timedelta(days=3),
        )

    def _protocol(
        self, match_id: uuid.UUID, home: Side, away: Side, at: datetime, score: list[int]
    ) -> int:
        """Lineups of up to five, a goal event for every goal, a card now and then, reports."""
        r = self.run.source
        lineups = self.data.table("match_lineups", "match_id", "user_id", "team_id", "position")
        events = self.data.table(
            "match_events",
            *("id", "match_id", "number", "type", "minute", "team_id", "player_id"),
            *("related_player_id", "recorded_by_id", "created_at"),
        )
        reports = self.data.table(
            "match_reports",
            *("match_id", "team_id", "home_score", "away_score", "reported_by_id", "reported_at"),
        )
        taken: set[uuid.UUID] = set()
        happenings: list[tuple[int, MatchEventType, Side, uuid.UUID, uuid.UUID | None]] = []
        for side, goals in ((home, score[0]), (away, score[1])):
            squad = [p for p in side.members if p.id not in taken][:LINEUP]
            taken.update(p.id for p in squad)
            for position, person in enumerate(squad):
                lineups.add(match_id, person.id, side.id, position)
            for _ in range(goals):
                scorer = r.pick(squad).id
                helper = r.pick(squad).id if len(squad) > 1 and r.chance(0.5) else None
                assist = helper if helper != scorer else None
                happenings.append((r.between(1, 90), MatchEventType.GOAL, side, scorer, assist))
            if r.chance(0.3):
                card = (r.between(1, 90), MatchEventType.YELLOW_CARD, side, r.pick(squad).id, None)
                happenings.append(card)
            reports.add(
                match_id, side.id, score[0], score[1], side.captain.id, at + timedelta(hours=1)
            )
        happenings.sort(key=lambda h: (h[0], h[1].value, h[3]))
        for number, (minute, kind, side, player, related) in enumerate(happenings, start=1):
            events.add(
                r.uuid(),
                match_id,
                number,
                kind.value,
                minute,
                side.id,
                player,
                related,
                side.captain.id,
                at + timedelta(minutes=minute),
            )
        return len(happenings)

    def _rate(
        self,
        match_id: uuid.UUID,
        side: Side,
        other: Side,
        mine: int,
        theirs: int,
        at: datetime,
    ) -> None:
        """An Elo-like step on mu with a shrinking sigma; the ordinal is mu - 3 sigma."""
        before = (side.mu, side.sigma, side.rating)
        expected = 1 / (1 + math.exp((other.mu - side.mu) / 4))
        actual = 1.0 if mine > theirs else 0.5 if mine == theirs else 0.0
        side.mu += 1.5 * (actual - expected)
        side.sigma = max(side.sigma * 0.97, 1.5)
        side.rating = round(side.mu - 3 * side.sigma, 4)
        self.data.table(
            "skill_rating_changes",
            *("id", "subject_kind", "subject_id", "sport_id", "match_id", "mu_before"),
            *("sigma_before", "ordinal_before", "mu", "sigma", "ordinal", "recorded_at"),
        ).add(
            self.run.source.uuid(),
            SubjectKind.TEAM.value,
            side.id,
            side.sport.id,
            match_id,
            *before,
            side.mu,
            side.sigma,
            side.rating,
            at + timedelta(hours=2),
        )

    def _crown(self, match_id: uuid.UUID, place: Place, winner: Side, at: datetime) -> None:
        self.data.table(
            "playground_court_wins", "match_id", "playground_id", "team_id", "recorded_at"
        ).add(match_id, place.id, winner.id, at + timedelta(hours=2))
        wins, _ = self.courts[place.id].wins.get(winner.id, (0, at))
        self.courts[place.id].wins[winner.id] = (wins + 1, at + timedelta(hours=2))

    def finish(self, sides: list[Side]) -> None:
        """Current ratings and court standings; each team's results in the order played."""
        ratings = self.data.table(
            "skill_ratings",
            *("subject_kind", "subject_id", "sport_id", "mu", "sigma", "ordinal", "matches"),
            "updated_at",
        )
        for side in sides:
            played = sorted(self.results[side.id])
            side.results = [result for _, result in played]
            if played:
                ratings.add(
                    SubjectKind.TEAM.value,
                    side.id,
                    side.sport.id,
                    side.mu,
                    side.sigma,
                    side.rating,
                    len(played),
                    played[-1][0] + timedelta(hours=2),
                )
        standings = self.data.table(
            "playground_court_standings", "playground_id", "team_id", "wins", "reached_at"
        )
        for place_id, court in self.courts.items():
            for team_id, (wins, reached) in court.wins.items():
                standings.add(place_id, team_id, wins, reached)


def add_friendlies(
    run: Run, data: Dataset, games: Games, sides: list[Side], places: dict[str, list[Place]]
) -> None:
    """Confirmed matches over the past year, oldest first, and matches scheduled ahead."""
    r = run.source
    by_sport: dict[uuid.UUID, list[Side]] = defaultdict(list)
    for side in sides:
        by_sport[side.sport.id].append(side)
    rivals = [group for group in by_sport.values() if len(group) > 1]
    past = sorted(
        r.moment(run.now - timedelta(days=365), run.now - timedelta(days=1))
        for _ in range(run.plan.matches)
    )
    for at in past:
        home, away = r.sample(r.pick(rivals), 2)
        games.play(home, away, at, _court(run, places, home))
    for _ in range(run.plan.upcoming):
        home, away = r.sample(r.pick(rivals), 2)
        at = r.moment(run.now + timedelta(hours=1), run.now + timedelta(days=30))
        games.schedule(home, away, at, _court(run, places, home))


def _court(run: Run, places: dict[str, list[Place]], home: Side) -> Place | None:
    nearby = places.get(home.city) or []
    return run.source.pick(nearby) if nearby else None
