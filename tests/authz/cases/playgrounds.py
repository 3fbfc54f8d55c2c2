"""Playgrounds: the owner proposed the playground, reviewed it or reported on it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.models import (
    ConditionReport,
    Playground,
    PlaygroundCheckIn,
    PlaygroundReview,
    PlaygroundStatus,
)
from app.playgrounds.values import ConditionCategory
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in
from tests.factories import create_playground, create_sport

STAFF_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.FORBIDDEN,
    Actor.MODERATOR: Outcome.ALLOWED,
}
PROPOSER_AND_STAFF = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.HIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.ALLOWED,
}


async def approved(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    playground = await create_playground(session, proposer=cast.owner)
    return {"playgroundId": str(playground.id)}


async def pending(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    playground = await create_playground(
        session, proposer=cast.owner, status=PlaygroundStatus.PENDING
    )
    return {"playgroundId": str(playground.id)}


async def reviewed_by_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    playground = await create_playground(session)
    session.add(PlaygroundReview(playground_id=playground.id, author_id=cast.owner.id, rating=4))
    await session.flush()
    return {"playgroundId": str(playground.id)}


async def open_report(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    playground = await create_playground(session)
    report = ConditionReport(
        playground_id=playground.id,
        reporter_id=cast.owner.id,
        category=ConditionCategory.LITTER,
        comment="Мусор у входа",
    )
    session.add(report)
    await session.flush()
    return {"reportId": str(report.id)}


async def a_sport(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"sportIds": [str((await create_sport(session)).id)]}


async def state(session: AsyncSession, cast: Cast) -> object:
    playgrounds = (
        await session.execute(select(Playground.id, Playground.status, Playground.review_count))
    ).all()
    reviews = (await session.execute(select(PlaygroundReview.id, PlaygroundReview.rating))).all()
    check_ins = (await session.scalars(select(PlaygroundCheckIn.id))).all()
    reports = (await session.execute(select(ConditionReport.id, ConditionReport.status))).all()
    return sorted(map(str, playgrounds)), sorted(map(str, reviews)), check_ins, reports


def mutation(name: str, extra: dict[str, Any], expect: dict[Actor, Outcome], arrange: Any) -> Case:
    input_type = f"{name[0].upper()}{name[1:]}Input"
    document = f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename }} }}"

    async def wrapped(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        return {"v": {**await arrange(session, cast), **extra}}

    return Case(f"Mutation.{name}", document, expect, arrange=wrapped, snapshot=state)


def query(name: str, document: str, expect: dict[Actor, Outcome], arrange: Any = None) -> Case:
    if arrange is None:
        return Case(f"Query.{name}", document, expect)
    return Case(f"Query.{name}", document, expect, arrange=arrange)


NEW_PLAYGROUND = {
    "name": "Коробка у школы",
    "address": "Москва, ул. Ленина, д. 12",
    "city": "Москва",
    "latitude": 55.75,
    "longitude": 37.61,
    "type": "FOOTBALL",
    "surface": "ASPHALT",
}

CASES = [
    query(
        "playground",
        "query($playgroundId: ID!) { playground(id: $playgroundId) { id } }",
        PROPOSER_AND_STAFF,
        pending,
    ),
    query(
        "playgroundsNear",
        "query { playgroundsNear(latitude: 55.75, longitude: 37.61) { nodes { distanceMeters } } }",
        everyone_signed_in(),
    ),
    query("playgrounds", "query { playgrounds { nodes { id } } }", everyone_signed_in()),
    query(
        "playgroundReviews",
        "query($playgroundId: ID!) { playgroundReviews(playgroundId: $playgroundId) "
        "{ nodes { id } } }",
        PROPOSER_AND_STAFF,
        pending,
    ),
    query(
        "playgroundLeaderboard",
        "query($playgroundId: ID!) { playgroundLeaderboard(playgroundId: $playgroundId) "
        "{ nodes { checkIns } } }",
        PROPOSER_AND_STAFF,
        pending,
    ),
    query(
        "myPlaygroundProposals",
        "query { myPlaygroundProposals { nodes { id } } }",
        everyone_signed_in(),
    ),
    query(
        "playgroundModerationQueue",
        "query { playgroundModerationQueue { nodes { id } } }",
        STAFF_ONLY,
    ),
    query("conditionReports", "query { conditionReports { nodes { id } } }", STAFF_ONLY),
    mutation("proposePlayground", NEW_PLAYGROUND, everyone_signed_in(), a_sport),
    mutation(
        "moderatePlayground",
        {"decision": "REJECT", "reason": "Дубликат"},
        {**STAFF_ONLY, Actor.OWNER: Outcome.FORBIDDEN},
        pending,
    ),
    mutation(
        "reviewPlayground",
        {"rating": 5},
        everyone_signed_in(),
        approved,
    ),
    mutation(
        "deleteMyReview",
        {},
        everyone_signed_in(stranger=Outcome.HIDDEN, moderator=Outcome.HIDDEN),
        reviewed_by_owner,
    ),
    mutation("checkIn", {}, everyone_signed_in(), approved),
    mutation(
        "reportPlaygroundCondition",
        {"category": "LITTER", "comment": "Мусор возле скамеек"},
        everyone_signed_in(),
        approved,
    ),
    mutation(
        "resolveConditionReport",
        {"resolution": "Убрали"},
        STAFF_ONLY,
        open_report,
    ),
]
