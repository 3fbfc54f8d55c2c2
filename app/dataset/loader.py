"""Generate the dataset in memory, then ``COPY`` it table by table in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.dataset.cups import add_cups
from app.dataset.games import Games, add_friendlies
from app.dataset.people import add_people, add_progress, subject_of
from app.dataset.places import add_places
from app.dataset.plan import Plan, Run, Settings
from app.dataset.randomness import Source
from app.dataset.reference import read_reference
from app.dataset.tables import Dataset, Table
from app.dataset.talk import add_chats
from app.dataset.teams import add_teams, write_teams
from app.db import Database
from app.quests.seed import seed_quests
from app.sports.seed import seed_sports
from app.users.models import User

Progress = Callable[[str, int, int], None]
LOAD_ORDER = (
    *("users", "teams", "team_members", "ledger_accounts", "ledger_transfers", "user_progress"),
    *("xp_entries", "quest_progress", "notifications", "playgrounds", "playground_sports"),
    *("playground_reviews", "tournaments", "tournament_entries", "matches", "match_lineups"),
    *("match_events", "match_reports", "team_results", "skill_rating_changes", "skill_ratings"),
    *("playground_court_wins", "playground_court_standings", "tournament_matches", "chats"),
    *("chat_members", "chat_messages"),
)
CHUNK = 5_000


class AlreadyLoadedError(Exception):
    pass


def generate(settings: Settings) -> Dataset:
    """Every row, from the settings alone (no database): the same settings, the same rows."""
    run, data = Run(settings, Source(settings.seed)), Dataset()
    people = add_people(run, data)
    add_progress(run, data, people)
    sides = add_teams(run, data, people)
    places = add_places(run, data, people)
    games = Games(run, data)
    add_friendlies(run, data, games, sides, places)
    add_cups(run, data, games, sides, places)
    games.finish(sides)
    write_teams(data, sides)
    add_chats(run, data, sides)
    assert set(data.tables) == set(LOAD_ORDER), set(data.tables) ^ set(LOAD_ORDER)
    return data


async def seed_dataset(
    db: Database,
    *,
    scale: float,
    seed: int,
    now: datetime,
    zone: ZoneInfo,
    progress: Progress,
) -> dict[str, int]:
    """Load the catalogues (as demo seeding does), then the generated rows; returns counts."""
    async with db.transaction() as session:
        await seed_sports(session)
        await seed_quests(session)
    async with db.transaction() as session:
        return await load_dataset(
            session, scale=scale, seed=seed, now=now, zone=zone, progress=progress
        )


async def load_dataset(
    session: AsyncSession,
    *,
    scale: float,
    seed: int,
    now: datetime,
    zone: ZoneInfo,
    progress: Progress,
) -> dict[str, int]:
    first = subject_of(seed, 0)
    if await session.scalar(select(User.id).where(User.subject == first)) is not None:
        raise AlreadyLoadedError(f"the dataset of seed {seed} is already loaded")
    # One COPY of half a million rows (with its foreign key checks) outlasts the API's timeout.
    await session.execute(text("SET LOCAL statement_timeout = 0"))
    reference = await read_reference(session)
    data = generate(Settings(Plan.at(scale), seed, now, zone, reference))
    for name in LOAD_ORDER:
        await _copy(session, data.tables[name], progress)
    for name in LOAD_ORDER:
        await session.execute(text(f"ANALYZE {name}"))
    return data.counts()


async def _copy(session: AsyncSession, table: Table, progress: Progress) -> None:
    connection = await session.connection()
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None
    types = await _column_types(session, table)
    columns = ", ".join(table.columns)
    total = len(table.rows)
    sql = f"COPY {table.name} ({columns}) FROM STDIN"
    async with raw.cursor() as cursor, cursor.copy(sql) as copy:
        copy.set_types(types)
        for done, row in enumerate(table.rows, start=1):
            await copy.write_row(row)
            if done % CHUNK == 0:
                progress(table.name, done, total)
    progress(table.name, total, total)


async def _column_types(session: AsyncSession, table: Table) -> list[int]:
    """The columns' type oids, so that COPY adapts values (empty arrays too) exactly."""
    rows = await session.execute(
        text(
            "SELECT attname, atttypid::int FROM pg_attribute "
            "WHERE attrelid = CAST(:t AS regclass) AND attnum > 0 AND NOT attisdropped"
        ),
        {"t": table.name},
    )
    oids: dict[str, int] = dict(rows.all())
    return [oids[column] for column in table.columns]
