"""A confirmed match counts for the game: everyone in the lineups played, the winners won."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.economy.models import RewardGrant
from app.matches.models import MatchStatus
from tests.economy.support import check_ledger, deliver
from tests.factories import set_lineup
from tests.fixtures.app import GQL
from tests.matches.helpers import Fixture, call, two_teams


async def rule_codes(session: AsyncSession, f: Fixture) -> dict[str, list[str]]:
    people = {
        "home captain": f.home_captain.id,
        "home player": f.home_player.id,
        "away captain": f.away_captain.id,
        "away player": f.away_player.id,
    }
    codes = {}
    for name, user_id in people.items():
        stmt = select(RewardGrant.rule_code).where(
            RewardGrant.user_id == user_id, RewardGrant.rule_code != "REGISTRATION"
        )
        codes[name] = sorted(await session.scalars(stmt))
    return codes


async def finish(gql: GQL, session: AsyncSession, f: Fixture) -> None:
    """A live match with both lineups; the captains agree on 3:1 for the home team."""
    match = await f.match(session, MatchStatus.LIVE)
    await set_lineup(session, match=match, team=f.home, players=[f.home_captain, f.home_player])
    await set_lineup(session, match=match, team=f.away, players=[f.away_captain, f.away_player])
    m = {"matchId": str(match.id)}
    await call(gql, "reportMatchResult", {**m, "ourScore": 3, "theirScore": 1}, f.home_captain)
    await call(gql, "reportMatchResult", {**m, "ourScore": 1, "theirScore": 3}, f.away_captain)


async def test_lineups_play_and_the_winners_win_once(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    f = await two_teams(session)

    await finish(gql, session, f)
    await deliver(container, session)
    await finish(gql, session, f)
    await deliver(container, session)

    first_and_second = ["FIRST_MATCH", "MATCH_PLAYED", "MATCH_PLAYED", "WIN_MATCH", "WIN_MATCH"]
    assert await rule_codes(session, f) == {
        "home captain": first_and_second,
        "home player": first_and_second,
        "away captain": ["FIRST_MATCH", "MATCH_PLAYED", "MATCH_PLAYED"],
        "away player": ["FIRST_MATCH", "MATCH_PLAYED", "MATCH_PLAYED"],
    }
    await check_ledger(session)
