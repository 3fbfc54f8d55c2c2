"""Economy, quests, achievements, store and leaderboards.

The owner owns the wallet, the completed quest, the funded purchase; for a team wallet the
owner is the team's captain. Administrators' operations have no allowed actor in this matrix
(none of its actors is an administrator): their own tests cover the allowed path.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.economy.models import EconomyRule, LedgerAccount, LedgerTransfer
from app.quests.models import QuestProgress
from app.store.models import Entitlement
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in, no_variables
from tests.factories import (
    add_quest_progress,
    create_quest,
    create_sport,
    create_store_item,
    create_team,
    fund,
)

ADMINISTRATORS_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.FORBIDDEN,
    Actor.MODERATOR: Outcome.FORBIDDEN,
}
MEMBERS_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.FORBIDDEN,
}


async def ledger_state(session: AsyncSession, cast: Cast) -> object:
    transfers = (await session.scalars(select(LedgerTransfer.id))).all()
    balances = (await session.execute(select(LedgerAccount.id, LedgerAccount.balance))).all()
    progress = (
        await session.execute(select(QuestProgress.quest_id, QuestProgress.claimed_at))
    ).all()
    entitlements = (await session.scalars(select(Entitlement.id))).all()
    rules = (await session.execute(select(EconomyRule.code, EconomyRule.pd))).all()
    return (
        sorted(map(str, transfers)),
        sorted(map(str, balances)),
        sorted(map(str, progress)),
        sorted(map(str, entitlements)),
        sorted(rules),
    )


async def owner_id(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"userId": str(cast.owner.id)}


async def owned_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    team = await create_team(session, captain=cast.owner)
    for user in (cast.owner, cast.stranger, cast.moderator):
        await fund(session, user=user, amount=100)
    return {"teamId": str(team.id)}


async def a_sport(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"sportId": str((await create_sport(session)).id)}


async def owners_completed_quest(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    quest = await create_quest(session)
    await add_quest_progress(session, user=cast.owner, quest=quest, period="once")
    return {"questId": str(quest.id)}


async def owners_affordable_item(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    item = await create_store_item(session, price_pd=100)
    await fund(session, user=cast.owner, amount=100)
    return {"itemId": str(item.id), "idempotencyKey": "authz-purchase"}


def mutation(name: str, extra: dict[str, Any], expect: dict[Actor, Outcome], arrange: Any) -> Case:
    document = (
        f"mutation($v: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $v) {{ __typename }} }}"
    )

    async def wrapped(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        return {"v": {**await arrange(session, cast), **extra}}

    return Case(f"Mutation.{name}", document, expect, arrange=wrapped, snapshot=ledger_state)


CASES = [
    Case("Query.wallet", "query { wallet { balance } }", everyone_signed_in()),
    Case(
        "Query.teamWallet",
        "query($teamId: ID!) { teamWallet(teamId: $teamId) { balance } }",
        MEMBERS_ONLY,
        arrange=owned_team,
    ),
    Case("Query.economyRules", "query { economyRules { code } }", everyone_signed_in()),
    Case("Query.ranks", "query { ranks { title } }", everyone_signed_in()),
    Case("Query.quests", "query { quests { code } }", everyone_signed_in()),
    Case(
        "Query.achievements",
        "query($userId: ID!) { achievements(userId: $userId) { code } }",
        everyone_signed_in(),
        arrange=owner_id,
    ),
    Case("Query.storeItems", "query { storeItems { code } }", everyone_signed_in()),
    Case("Query.myInventory", "query { myInventory { proUntil } }", everyone_signed_in()),
    Case(
        "Query.playerLeaderboard",
        "query { playerLeaderboard(first: 5) { nodes { id } } }",
        everyone_signed_in(),
    ),
    Case(
        "Query.teamLeaderboard",
        "query($sportId: ID!) { teamLeaderboard(sportId: $sportId, first: 5) { nodes { id } } }",
        everyone_signed_in(),
        arrange=a_sport,
    ),
    mutation(
        "adjustBalance", {"amount": 100, "reason": "Проверка прав"}, ADMINISTRATORS_ONLY, owner_id
    ),
    mutation(
        "updateEconomyRule",
        {"code": "REGISTRATION", "pd": 1},
        ADMINISTRATORS_ONLY,
        no_variables,
    ),
    mutation(
        "contributeToTeamWallet",
        {"amount": 10, "idempotencyKey": "authz-contribution"},
        MEMBERS_ONLY,
        owned_team,
    ),
    mutation(
        "claimQuestReward",
        {},
        everyone_signed_in(stranger=Outcome.REFUSED, moderator=Outcome.REFUSED),
        owners_completed_quest,
    ),
    mutation(
        "purchaseStoreItem",
        {},
        everyone_signed_in(stranger=Outcome.REFUSED, moderator=Outcome.REFUSED),
        owners_affordable_item,
    ),
]
