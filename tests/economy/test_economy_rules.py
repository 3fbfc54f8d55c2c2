"""economyRules and updateEconomyRule: the earning rules as data, seeded with the defaults."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.economy.events import EconomyRuleUpdated
from app.economy.models import EconomyRule
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from tests.factories import create_user
from tests.fixtures.app import GQL, TestClock

RULES = "query { economyRules { code activity pd xp dailyCap repeatable active } }"
UPDATE = """
mutation($input: UpdateEconomyRuleInput!) {
  updateEconomyRule(input: $input) {
    __typename
    ... on UpdateEconomyRulePayload { rule { code pd xp dailyCap active updatedAt } }
    ... on ValidationFailed { fields { path code } }
    ... on NotFound { code }
  }
}
"""


async def rules(session: AsyncSession) -> list[Any]:
    stmt = select(EconomyRule.code, EconomyRule.pd, EconomyRule.xp, EconomyRule.daily_cap)
    return list((await session.execute(stmt.order_by(EconomyRule.code))).all())


async def test_the_defaults(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)

    response = await gql(RULES, as_user=user)

    assert {
        r["code"]: (r["activity"], r["pd"], r["xp"], r["dailyCap"], r["repeatable"])
        for r in response.data["economyRules"]
    } == {
        "CREATE_TEAM": ("team.created", 150, 100, None, False),
        "FIRST_MATCH": ("match.played", 25, 0, None, False),
        "FRIEND_INVITED": ("friend.invited", 10, 0, 40, True),
        "JOIN_TOURNAMENT": ("tournament.registered", 200, 250, None, True),
        "MATCH_PLAYED": ("match.played", 0, 50, None, True),
        "PLAYGROUND_APPROVED": ("playground.approved", 300, 300, None, True),
        "PROFILE_COMPLETION": ("user.profile_completed", 100, 0, None, False),
        "REGISTRATION": ("user.registered", 50, 0, None, False),
        "WIN_MATCH": ("match.won", 50, 100, None, True),
    }


async def test_an_administrator_changes_a_rule(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    admin = await create_user(session, roles=[Role.ADMINISTRATOR])

    response = await gql(
        UPDATE,
        {"input": {"code": "WIN_MATCH", "pd": 60, "dailyCap": 180, "active": False}},
        as_user=admin,
    )
    uncapped = await gql(UPDATE, {"input": {"code": "WIN_MATCH", "dailyCap": None}}, as_user=admin)

    assert response.data["updateEconomyRule"] == {
        "__typename": "UpdateEconomyRulePayload",
        "rule": {
            "code": "WIN_MATCH",
            "pd": 60,
            "xp": 100,
            "dailyCap": 180,
            "active": False,
            "updatedAt": clock.now().isoformat(),
        },
    }
    assert uncapped.data["updateEconomyRule"]["rule"]["dailyCap"] is None
    rule = await session.get(EconomyRule, "WIN_MATCH")
    assert rule is not None
    assert (rule.pd, rule.daily_cap, rule.active, rule.updated_by_id) == (60, None, False, admin.id)
    events = (
        await session.scalars(select(OutboxEvent).where(OutboxEvent.type == "economy.rule_updated"))
    ).all()
    assert to_envelope(events[0]).event() == EconomyRuleUpdated(
        code="WIN_MATCH", pd=60, xp=100, daily_cap=180, active=False
    )


async def test_invalid_changes_change_nothing(gql: GQL, session: AsyncSession) -> None:
    admin = await create_user(session, roles=[Role.ADMINISTRATOR])
    before = await rules(session)

    invalid = await gql(
        UPDATE,
        {"input": {"code": "WIN_MATCH", "pd": -1, "xp": 100_001, "dailyCap": 0}},
        as_user=admin,
    )
    unknown = await gql(UPDATE, {"input": {"code": "NO_SUCH_RULE", "pd": 1}}, as_user=admin)

    assert invalid.data["updateEconomyRule"]["fields"] == [
        {"path": "pd", "code": "OUT_OF_RANGE"},
        {"path": "xp", "code": "OUT_OF_RANGE"},
        {"path": "dailyCap", "code": "OUT_OF_RANGE"},
    ]
    assert unknown.data["updateEconomyRule"] == {"__typename": "NotFound", "code": "NOT_FOUND"}
    assert await rules(session) == before
