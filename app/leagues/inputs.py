from __future__ import annotations

import strawberry


@strawberry.input
class CreateLeagueInput:
    name: str
    sport_id: strawberry.ID
    city: str


@strawberry.input
class AddLeagueSeasonInput:
    league_id: strawberry.ID
    name: str = strawberry.field(description="Например «Сезон 1».")
    division_names: list[str] = strawberry.field(description="От 1 до 10, по уровню.")


@strawberry.input
class EnterLeagueTeamInput:
    division_id: strawberry.ID
    team_id: strawberry.ID


@strawberry.input
class AddLeagueFixtureInput:
    division_id: strawberry.ID
    match_id: strawberry.ID = strawberry.field(
        description="Ещё не подтверждённый матч двух команд дивизиона."
    )
