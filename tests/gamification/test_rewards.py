"""The gamification worker grants the earning rules for the events that exist today."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.economy.models import EconomyRule, LedgerTransfer, RewardGrant, UserProgress, XpEntry
from app.events import emit
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import Outcome
from app.teams.events import TeamCreated
from app.users.events import UserProfileUpdated
from app.users.models import User
from tests.economy.support import balance, check_ledger, deliver, xp
from tests.factories import create_sport, create_user
from tests.fixtures.app import GQL

COMPLETE_PROFILE = """
mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { __typename } }
"""
CREATE_TEAM = """
mutation($input: CreateTeamInput!) { createTeam(input: $input) { __typename } }
"""
PROFILE = {
    "nickname": "striker",
    "avatarUrl": "https://cdn.example.com/a.png",
    "city": "Москва",
    "birthDate": "2000-01-01",
    "bio": "Играю в футбол",
}


async def grants(session: AsyncSession, user: User) -> dict[str, tuple[int, int]]:
    stmt = select(RewardGrant.rule_code, RewardGrant.pd, RewardGrant.xp).where(
        RewardGrant.user_id == user.id
    )
    return {code: (pd, xp) for code, pd, xp in (await session.execute(stmt)).all()}


async def ledger_rows(session: AsyncSession) -> tuple[Any, ...]:
    counts = [
        await session.scalar(select(func.count()).select_from(model))
        for model in (LedgerTransfer, RewardGrant, XpEntry)
    ]
    return (*counts, await session.scalar(select(func.sum(UserProgress.xp))))


async def test_registration_profile_and_first_team_are_rewarded(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    user = await create_user(session)
    sport = await create_sport(session)

    await gql(COMPLETE_PROFILE, {"input": PROFILE}, as_user=user)
    await gql(
        CREATE_TEAM,
        {"input": {"name": "Дворовые", "sportId": str(sport.id), "city": "Москва"}},
        as_user=user,
    )
    await deliver(container, session)

    assert await grants(session, user) == {
        "REGISTRATION": (50, 0),
        "PROFILE_COMPLETION": (100, 0),
        "CREATE_TEAM": (150, 100),
    }
    assert (await balance(session, user), await xp(session, user)) == (300, 100)
    await check_ledger(session)


async def test_redelivered_and_repeated_events_grant_nothing_twice(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    user = await create_user(session)
    await gql(COMPLETE_PROFILE, {"input": PROFILE}, as_user=user)
    await deliver(container, session)
    before = await ledger_rows(session)

    outcomes = await deliver(container, session)
    for row in (await session.scalars(select(OutboxEvent))).all():
        if row.type.startswith("user."):
            copy = to_envelope(row).event()
            emit(session, copy, actor_id=user.id)
    await session.flush()
    await gql(COMPLETE_PROFILE, {"input": {"bio": "Играю в футбол и стритбол"}}, as_user=user)
    again = await deliver(container, session)

    assert set(outcomes) <= {Outcome.DUPLICATE, Outcome.IGNORED}
    assert Outcome.HANDLED in again
    assert await ledger_rows(session) == before
    assert await balance(session, user) == 150
    await check_ledger(session)


async def test_an_incomplete_profile_earns_nothing(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    user = await create_user(session)

    await gql(COMPLETE_PROFILE, {"input": {"city": "Казань"}}, as_user=user)
    await deliver(container, session)

    assert await grants(session, user) == {"REGISTRATION": (50, 0)}


async def test_a_second_team_earns_no_second_team_reward(
    container: Container, session: AsyncSession
) -> None:
    user = await create_user(session)
    for _ in range(2):
        event = TeamCreated(
            team_id=uuid.uuid4(),
            captain_id=user.id,
            sport_id=uuid.uuid4(),
            name="Команда",
            slug=f"team-{uuid.uuid4().hex[:6]}",
            city="Москва",
        )
        emit(session, event, actor_id=user.id)
    await session.flush()

    await deliver(container, session)

    assert (await grants(session, user))["CREATE_TEAM"] == (150, 100)
    assert await balance(session, user) == 200


async def test_rules_are_data_that_administrators_change(
    container: Container, session: AsyncSession
) -> None:
    registration = await session.get(EconomyRule, "REGISTRATION")
    profile = await session.get(EconomyRule, "PROFILE_COMPLETION")
    assert registration is not None
    assert profile is not None
    registration.pd, registration.xp = 70, 5
    profile.active = False
    user = await create_user(session)
    emit(
        session,
        UserProfileUpdated(user_id=user.id, changed_fields=["bio"], profile_complete=True),
        actor_id=user.id,
    )
    await session.flush()

    await deliver(container, session)

    assert await grants(session, user) == {"REGISTRATION": (70, 5)}
    assert (await balance(session, user), await xp(session, user)) == (70, 5)


async def test_the_city_leaderboard_follows_the_profile(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    user = await create_user(session)
    await gql(COMPLETE_PROFILE, {"input": {"city": " Санкт-Петербург "}}, as_user=user)
    await deliver(container, session)
    city = select(UserProgress.city_key).where(UserProgress.user_id == user.id)
    assert await session.scalar(city) == "санкт-петербург"

    await gql(COMPLETE_PROFILE, {"input": {"bio": "Новое о себе"}}, as_user=user)
    await gql(COMPLETE_PROFILE, {"input": {"city": None}}, as_user=user)
    await deliver(container, session)

    assert await session.scalar(city.execution_options(populate_existing=True)) is None
