"""A confirmed match counts for the game: everyone in the lineups played, the winners won,
the scorers scored their goals."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.events import AchievementUnlocked
from app.achievements.models import Achievement, UserAchievement
from app.achievements.seed import seed_achievements
from app.container import Container
from app.economy.models import RewardGrant
from app.events import emit
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import Outcome
from app.matches.events import MatchConfirmed
from app.matches.models import MatchStatus
from tests.economy.support import check_ledger, deliver
from tests.factories import set_lineup
from tests.fixtures.app import GQL
from tests.matches.helpers import Fixture, call, outbox, two_teams


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


async def score(
    gql: GQL, session: AsyncSession, f: Fixture, home_goals: int, away_goals: int
) -> None:
    """A live match whose protocol has the home player's and the away captain's goals; the
    captains agree on that score."""
    match = await f.match(session, MatchStatus.LIVE)
    await set_lineup(session, match=match, team=f.home, players=[f.home_captain, f.home_player])
    await set_lineup(session, match=match, team=f.away, players=[f.away_captain, f.away_player])
    m = {"matchId": str(match.id)}
    goals = [(f.home, f.home_player, f.home_captain)] * home_goals
    goals += [(f.away, f.away_captain, f.away_captain)] * away_goals
    for minute, (team, scorer, recorder) in enumerate(goals):
        goal = {
            "type": "GOAL",
            "minute": minute,
            "teamId": str(team.id),
            "playerId": str(scorer.id),
        }
        await call(gql, "recordMatchEvent", {**m, **goal}, recorder, "event { id }")
    report = {"ourScore": home_goals, "theirScore": away_goals}
    await call(gql, "reportMatchResult", {**m, **report}, f.home_captain)
    reverse = {"ourScore": away_goals, "theirScore": home_goals}
    await call(gql, "reportMatchResult", {**m, **reverse}, f.away_captain)


async def sharpshooters(session: AsyncSession) -> dict[uuid.UUID, tuple[int, bool]]:
    stmt = (
        select(UserAchievement.user_id, UserAchievement.progress, UserAchievement.unlocked_at)
        .join(Achievement, Achievement.id == UserAchievement.achievement_id)
        .where(Achievement.code == "sharpshooter")
    )
    rows = (await session.execute(stmt)).all()
    return {user_id: (progress, unlocked is not None) for user_id, progress, unlocked in rows}


async def test_goals_in_the_protocol_add_up_to_the_sharpshooter_once(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    await seed_achievements(session)
    f = await two_teams(session)

    await score(gql, session, f, home_goals=6, away_goals=2)
    await deliver(container, session)
    after_one = await sharpshooters(session)
    await score(gql, session, f, home_goals=4, away_goals=0)
    await deliver(container, session)
    for row in (await session.scalars(select(OutboxEvent))).all():
        if row.type == "match.confirmed":
            emit(session, to_envelope(row).event(), actor_id=None)
    await session.flush()
    redelivered = await deliver(container, session)

    assert after_one == {f.home_player.id: (6, False), f.away_captain.id: (2, False)}
    assert await sharpshooters(session) == {
        f.home_player.id: (10, True),
        f.away_captain.id: (2, False),
    }
    assert Outcome.HANDLED in redelivered
    unlocked = select(OutboxEvent).where(OutboxEvent.type == "achievement.unlocked")
    announced = [to_envelope(row).event() for row in (await session.scalars(unlocked)).all()]
    assert [
        e.user_id
        for e in announced
        if isinstance(e, AchievementUnlocked) and e.code == "sharpshooter"
    ] == [f.home_player.id]


async def test_the_confirmation_carries_each_scorers_goals(gql: GQL, session: AsyncSession) -> None:
    f = await two_teams(session)

    await score(gql, session, f, home_goals=3, away_goals=1)

    [row] = await outbox(session, "match.confirmed")
    event = to_envelope(row).event()
    assert isinstance(event, MatchConfirmed)
    assert event.goals == {f.home_player.id: 3, f.away_captain.id: 1}
