from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.leagues import models
from app.sports.types import Sport
from app.teams.types import Team
from app.users.types import User


@strawberry.type(description="Строка турнирной таблицы дивизиона.")
class LeagueStanding:
    position: int
    played: int
    wins: int
    draws: int
    losses: int
    goals_for: int
    goals_against: int
    goal_difference: int
    points: int = strawberry.field(description="Победа 3, ничья 1, поражение 0.")
    model: strawberry.Private[models.DivisionTeam]

    @classmethod
    def from_model(cls, position: int, row: models.DivisionTeam) -> LeagueStanding:
        return cls(
            position=position,
            played=row.played,
            wins=row.wins,
            draws=row.draws,
            losses=row.losses,
            goals_for=row.goals_for,
            goals_against=row.goals_against,
            goal_difference=row.goal_difference,
            points=row.points,
            model=row,
        )

    @strawberry.field
    async def team(self, info: Info) -> Team:
        team = await info.context.loaders.team_by_id.load(self.model.team_id)
        if team is None:
            raise RuntimeError(f"dangling team reference {self.model.team_id}")
        return Team.from_model(team)


@strawberry.type(description="Дивизион сезона лиги.")
class LeagueDivision:
    id: strawberry.ID
    name: str
    model: strawberry.Private[models.LeagueDivision]

    @strawberry.field(description="По очкам, разнице мячей, забитым.")
    async def standings(self, info: Info) -> list[LeagueStanding]:
        rows = await info.context.loaders.league_standings_by_division_id.load(self.model.id)
        return [LeagueStanding.from_model(i, row) for i, row in enumerate(rows, start=1)]


@strawberry.type(description="Сезон лиги.")
class LeagueSeason:
    id: strawberry.ID
    name: str
    model: strawberry.Private[models.LeagueSeason]

    @classmethod
    def from_model(cls, season: models.LeagueSeason) -> LeagueSeason:
        return cls(id=to_id(season.id), name=season.name, model=season)

    @strawberry.field
    async def divisions(self, info: Info) -> list[LeagueDivision]:
        rows = await info.context.loaders.league_divisions_by_season_id.load(self.model.id)
        return [LeagueDivision(id=to_id(d.id), name=d.name, model=d) for d in rows]


@strawberry.type(description="Лига: сезоны, дивизионы и турнирные таблицы.")
class League:
    id: strawberry.ID
    name: str
    city: str
    model: strawberry.Private[models.League]

    @classmethod
    def from_model(cls, league: models.League) -> League:
        return cls(id=to_id(league.id), name=league.name, city=league.city, model=league)

    @strawberry.field
    async def sport(self, info: Info) -> Sport:
        sport = await info.context.loaders.sport_by_id.load(self.model.sport_id)
        if sport is None:
            raise RuntimeError(f"dangling sport reference {self.model.sport_id}")
        return Sport.from_model(sport)

    @strawberry.field
    async def organizer(self, info: Info) -> User:
        user = await info.context.loaders.user_by_id.load(self.model.organizer_id)
        if user is None:
            raise RuntimeError(f"dangling user reference {self.model.organizer_id}")
        return User.from_model(user)

    @strawberry.field(description="Сезоны по порядку создания.")
    async def seasons(self, info: Info) -> list[LeagueSeason]:
        rows = await info.context.loaders.league_seasons_by_league_id.load(self.model.id)
        return [LeagueSeason.from_model(s) for s in rows]

    @strawberry.field(description="Последний сезон; таблицы прошлых — через season(id).")
    async def current_season(self, info: Info) -> LeagueSeason | None:
        rows = await info.context.loaders.league_seasons_by_league_id.load(self.model.id)
        return LeagueSeason.from_model(rows[-1]) if rows else None

    @strawberry.field(description="Сезон этой лиги по id.")
    async def season(self, info: Info, id: strawberry.ID) -> LeagueSeason | None:
        rows = await info.context.loaders.league_seasons_by_league_id.load(self.model.id)
        found = next((s for s in rows if str(s.id) == str(id)), None)
        return LeagueSeason.from_model(found) if found else None
