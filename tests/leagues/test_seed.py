"""Demo league, lobby and personal challenge: built through the services; seeding twice adds
nothing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges.models import ChallengeStatus, PersonalChallenge
from app.challenges.seed import seed_challenges
from app.economy.models import EscrowHold, EscrowStatus
from app.economy.seed import seed_economy
from app.leagues.models import DivisionTeam, League, LeagueSeason
from app.leagues.seed import seed_leagues
from app.lobbies.models import Lobby, LobbyParticipant
from app.lobbies.seed import seed_lobbies
from tests.matches.test_seed import seed as seed_matches


async def seed_twice(session: AsyncSession) -> None:
    await seed_matches(session)
    await seed_economy(session)
    for _ in range(2):
        await seed_leagues(session)
        await seed_lobbies(session)
        await seed_challenges(session)


async def test_a_league_a_lobby_and_a_challenge_once(session: AsyncSession) -> None:
    await seed_twice(session)

    leagues = (await session.execute(select(League.name, League.city))).all()
    seasons = (await session.scalars(select(LeagueSeason.name))).all()
    entered = (await session.scalars(select(DivisionTeam.team_id))).all()
    lobbies = (await session.scalars(select(Lobby))).all()
    players = (await session.scalars(select(LobbyParticipant.user_id))).all()
    challenges = (await session.scalars(select(PersonalChallenge))).all()
    holds = (await session.scalars(select(EscrowHold.status))).all()

    assert leagues == [("Лига двора — Москва", "Москва")]
    assert list(seasons) == ["Осень 2026"]
    assert len(set(entered)) == 2
    assert [(lobby.players_needed, lobby.participant_count) for lobby in lobbies] == [(10, 2)]
    assert len(set(players)) == 2
    assert [(c.status, c.wager) for c in challenges] == [(ChallengeStatus.ACCEPTED, 50)]
    assert list(holds) == [EscrowStatus.HELD, EscrowStatus.HELD]
