"""Personal challenges: the owner is the side the operation is for (the creator to cancel,
the opponent to answer, a side to report). Strangers may not know a challenge exists."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges.models import ChallengeStatus, PersonalChallenge
from app.users.models import User
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in
from tests.challenges.helpers import snapshot
from tests.factories import create_sport, create_user, fund


def challenge(status: ChallengeStatus, owner_is: str, **values: Any) -> Any:
    async def arrange(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        sport = await create_sport(session)
        other = await _someone(session, cast)
        creator, opponent = (cast.owner, other) if owner_is == "creator" else (other, cast.owner)
        for user in (creator, opponent):
            await fund(session, user=user, amount=100)
        found = PersonalChallenge(
            creator_id=creator.id,
            opponent_id=opponent.id,
            sport_id=sport.id,
            title="Дуэль на площадке",
            wager=10 if status is ChallengeStatus.PENDING else 0,
            status=status,
        )
        session.add(found)
        await session.flush()
        return {"id": str(found.id), "v": {"challengeId": str(found.id), **values}}

    return arrange


async def _someone(session: AsyncSession, cast: Cast) -> User:
    return await create_user(session)


async def new_challenge(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    sport = await create_sport(session)
    opponent = await _someone(session, cast)
    return {
        "v": {
            "opponentId": str(opponent.id),
            "sportId": str(sport.id),
            "title": "Кто больше забьёт",
            "wager": 0,
        }
    }


async def state(session: AsyncSession, cast: Cast) -> object:
    return await snapshot(session)


def mutation(name: str, expect: dict[Actor, Outcome], arrange: Any) -> Case:
    input_type = f"{name[0].upper()}{name[1:]}Input"
    document = f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename }} }}"
    return Case(f"Mutation.{name}", document, expect, arrange=arrange, snapshot=state)


S = ChallengeStatus
SIDES_ONLY = everyone_signed_in(stranger=Outcome.HIDDEN, moderator=Outcome.FORBIDDEN)
CASES = [
    Case(
        "Query.personalChallenge",
        "query($id: ID!) { personalChallenge(id: $id) { id creator { id } } }",
        everyone_signed_in(stranger=Outcome.HIDDEN),
        arrange=challenge(S.PENDING, "creator"),
    ),
    Case(
        "Query.personalChallenges",
        "query { personalChallenges(first: 5) { nodes { id } } }",
        everyone_signed_in(),
    ),
    Case(
        "Query.personalChallengeDisputes",
        "query { personalChallengeDisputes(first: 5) { nodes { id } } }",
        everyone_signed_in(owner=Outcome.FORBIDDEN, stranger=Outcome.FORBIDDEN),
    ),
    mutation("createChallenge", everyone_signed_in(), new_challenge),
    mutation("acceptChallenge", SIDES_ONLY, challenge(S.PENDING, "opponent")),
    mutation("declineChallenge", SIDES_ONLY, challenge(S.PENDING, "opponent")),
    mutation(
        "cancelChallenge",
        everyone_signed_in(stranger=Outcome.HIDDEN),
        challenge(S.PENDING, "creator"),
    ),
    mutation(
        "reportChallengeOutcome",
        SIDES_ONLY,
        challenge(S.ACCEPTED, "creator", result="WIN"),
    ),
    mutation(
        "resolveChallengeDispute",
        everyone_signed_in(owner=Outcome.FORBIDDEN, stranger=Outcome.HIDDEN),
        challenge(
            S.DISPUTED, "creator", verdict="DRAW", resolution="Обе стороны не предоставили видео"
        ),
    ),
]
