"""``prodvor seed --scale``: a tiny scale loads whole and consistent; a seed reproduces it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.dataset.loader import generate, load_dataset
from app.dataset.plan import Plan, Settings
from app.dataset.reference import QuestRef, Reference, TeamSport
from app.periods import Period
from app.quests.seed import seed_quests
from app.sports.seed import seed_sports

NOW = datetime(2026, 11, 27, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Moscow")
TINY = 0.002


def settings(seed: int) -> Settings:
    reference = Reference(
        sports=[TeamSport(uuid.UUID(int=n), f"sport-{n}", 5, 14) for n in (1, 2)],
        quests=[QuestRef(uuid.UUID(int=10 + n), 3, Period.DAY) for n in range(4)],
    )
    return Settings(Plan.at(TINY), seed, NOW, ZONE, reference)


def test_a_seed_reproduces_its_data_and_another_seed_does_not() -> None:
    first, again, other = generate(settings(7)), generate(settings(7)), generate(settings(8))

    assert first.digest() == again.digest()
    assert first.digest() != other.digest()


async def scalar(session: AsyncSession, sql: str) -> object:
    return (await session.execute(text(sql))).scalar_one()


async def test_a_tiny_scale_loads_consistent_data(session: AsyncSession) -> None:
    await seed_sports(session)
    await seed_quests(session)
    seen: set[str] = set()

    counts = await load_dataset(
        session,
        scale=TINY,
        seed=3,
        now=NOW,
        zone=ZONE,
        progress=lambda name, done, total: seen.add(name),
    )

    plan = Plan.at(TINY)
    assert seen == set(counts)
    assert (counts["users"], counts["teams"], counts["playgrounds"]) == (
        plan.users,
        plan.teams,
        plan.playgrounds,
    )
    assert counts["chat_messages"] == plan.messages
    friendlies = await scalar(
        session, "SELECT count(*) FROM matches WHERE tournament_id IS NULL AND status = 'CONFIRMED'"
    )
    assert friendlies == plan.matches
    assert await scalar(session, "SELECT count(*) FROM tournaments") == plan.tournaments
    inconsistent = {
        "wallets": """
            SELECT count(*) FROM ledger_accounts a WHERE a.kind = 'USER' AND a.balance <>
              coalesce((SELECT sum(amount) FROM ledger_transfers WHERE credit_account_id = a.id), 0)
            - coalesce((SELECT sum(amount) FROM ledger_transfers WHERE debit_account_id = a.id), 0)
        """,
        "xp": """
            SELECT count(*) FROM user_progress p WHERE p.xp <>
              coalesce((SELECT sum(amount) FROM xp_entries WHERE user_id = p.user_id), 0)
        """,
        "protocols": """
            SELECT count(*) FROM matches m
            WHERE m.event_count <> (SELECT count(*) FROM match_events WHERE match_id = m.id)
               OR (m.status = 'CONFIRMED' AND m.home_score + m.away_score
                   > (SELECT count(*) FROM match_events WHERE match_id = m.id AND type = 'GOAL'))
        """,
        "standings": """
            SELECT count(*) FROM teams t WHERE t.wins + t.draws + t.losses
              <> (SELECT count(*) FROM team_results WHERE team_id = t.id)
        """,
        "chats": """
            SELECT count(*) FROM chats c
            WHERE c.last_seq <> (SELECT max(seq) FROM chat_messages WHERE chat_id = c.id)
        """,
        "captains": """
            SELECT count(*) FROM teams t
            WHERE (SELECT count(*) FROM team_members WHERE team_id = t.id AND role = 'CAPTAIN') <> 1
        """,
        "brackets": """
            SELECT count(*) FROM tournament_matches s JOIN matches m ON m.id = s.match_id
            WHERE m.tournament_id <> s.tournament_id
        """,
    }
    assert {
        name: await scalar(session, sql) for name, sql in inconsistent.items()
    } == dict.fromkeys(inconsistent, 0)
    assert await scalar(session, "SELECT count(*) FROM tournament_matches") > 0
