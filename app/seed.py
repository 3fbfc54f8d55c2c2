"""``prodvor seed``: idempotent demo data for ``make run``."""

from __future__ import annotations

from app.achievements.seed import seed_achievements
from app.challenges.seed import seed_challenges
from app.db import Database
from app.economy.seed import seed_economy
from app.feed.seed import seed_feed
from app.leagues.seed import seed_leagues
from app.lobbies.seed import seed_lobbies
from app.matches.seed import seed_matches
from app.playgrounds.seed import seed_playgrounds
from app.quests.seed import seed_quests
from app.search.seed import seed_library
from app.social.seed import seed_social
from app.sports.seed import seed_sports
from app.store.seed import seed_store
from app.teams.seed import seed_teams
from app.tournaments.seed import seed_tournaments
from app.users.seed import seed_users


async def seed(db: Database) -> None:
    async with db.transaction() as session:
        await seed_users(session)
        await seed_sports(session)
        await seed_teams(session)
        await seed_economy(session)
        await seed_quests(session)
        await seed_achievements(session)
        await seed_store(session)
        await seed_playgrounds(session)
        await seed_matches(session)
        await seed_library(session)
        await seed_tournaments(session)
        await seed_leagues(session)
        await seed_lobbies(session)
        await seed_challenges(session)
        await seed_social(session)
        await seed_feed(session)
