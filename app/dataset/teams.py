"""Teams with their rosters (a captain and players of the team's city where possible)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.dataset.people import People, Person
from app.dataset.plan import Run
from app.dataset.reference import TeamSport
from app.dataset.tables import Dataset
from app.teams.models import TeamRole

WORDS = (
    "Звезда", "Динамо", "Торпедо", "Спартак", "Ракета", "Вымпел", "Метеор", "Заря", "Молния",
    "Буревестник", "Сокол", "Титан", "Вихрь", "Атлант", "Факел", "Гранит", "Орбита", "Старт",
)  # fmt: skip
MOTTOS = ("Вперёд!", "Двор — наш стадион", "Играем честно", None)


@dataclass
class Side:
    id: uuid.UUID
    number: int
    sport: TeamSport
    city: str
    members: list[Person]
    created_at: datetime
    name: str = ""
    motto: str | None = None
    rating: float = 0.0
    mu: float = 25.0
    sigma: float = 25.0 / 3
    results: list[str] = field(default_factory=list)
    """FormResult values, oldest first."""

    @property
    def captain(self) -> Person:
        return self.members[0]


TEAM_COLUMNS = (
    *("id", "slug", "name", "sport_id", "city", "motto", "logo_url", "rating", "wins"),
    *("draws", "losses", "form", "created_at", "updated_at"),
)


def add_teams(run: Run, data: Dataset, people: People) -> list[Side]:
    """Rosters now; the team rows wait for their results (``write_teams``)."""
    r, sports = run.source, _sports_used(run)
    data.table("teams", *TEAM_COLUMNS)
    members = data.table("team_members", "team_id", "user_id", "role", "joined_at")
    sides: list[Side] = []
    for number in range(run.plan.teams):
        sport = sports[number % len(sports)]
        city = r.pick(list(people.by_city))
        pool = people.by_city[city] or people.everyone
        size = min(r.between(sport.roster_min, min(sport.roster_max, 20)), len(pool))
        created = r.moment(run.now - timedelta(days=400), run.now - timedelta(days=380))
        side = Side(r.uuid(), number, sport, city, r.sample(pool, max(size, 1)), created)
        side.name = f"{r.pick(WORDS)} {number}"
        side.motto = r.pick(MOTTOS)
        for i, person in enumerate(side.members):
            role = TeamRole.CAPTAIN if i == 0 else TeamRole.PLAYER
            members.add(side.id, person.id, role.value, created + timedelta(days=i))
        sides.append(side)
    return sides


def write_teams(data: Dataset, sides: list[Side]) -> None:
    rows = data.table("teams", *TEAM_COLUMNS)
    for side in sides:
        rows.add(
            side.id,
            f"team-{side.number}",
            side.name,
            side.sport.id,
            side.city,
            side.motto,
            None,
            side.rating,
            side.results.count("WIN"),
            side.results.count("DRAW"),
            side.results.count("LOSS"),
            list(reversed(side.results[-5:])),
            side.created_at,
            side.created_at,
        )


def _sports_used(run: Run) -> list[TeamSport]:
    """About 130 teams per sport at scale 1, so a 64-team bracket finds its teams."""
    sports = run.settings.reference.sports
    return sports[: max(1, min(len(sports), run.plan.teams // 130))]
