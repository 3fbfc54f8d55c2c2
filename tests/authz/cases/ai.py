"""AI flows. The matrix app has no key, so a caller who passes every check gets AiUnavailable
(a typed refusal): ``PASSES`` below. Refused callers get FORBIDDEN or NotFound before that."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.models import ConditionReport
from app.playgrounds.values import ConditionCategory
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in, over_websocket
from tests.factories import create_application, create_playground, create_team

PASSES = Outcome.REFUSED
ANYONE = everyone_signed_in(owner=PASSES, stranger=PASSES, moderator=PASSES)


def flow(name: str, expect: dict[Actor, Outcome], arrange: Any = None) -> Case:
    title = name[0].upper() + name[1:]
    document = f"mutation($input: {title}Input!) {{ {name}(input: $input) {{ __typename }} }}"

    async def variables(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        return {"input": await arrange(session, cast) if arrange else {}}

    return Case(f"Mutation.{name}", document, expect, variables)


async def idea(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"idea": "Команда друзей со двора"}


async def owners_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"teamId": str((await create_team(session, captain=cast.owner)).id)}


async def application_to_owners_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    application = await create_application(
        session, team=await create_team(session, captain=cast.owner)
    )
    return {"applicationId": str(application.id)}


async def playground(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"playgroundId": str((await create_playground(session, proposer=cast.owner)).id)}


async def owners_report(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    place = await create_playground(session)
    report = ConditionReport(
        playground_id=place.id,
        reporter_id=cast.owner.id,
        category=ConditionCategory.LITTER,
        comment="Мусор у входа на площадку",
    )
    session.add(report)
    await session.flush()
    return {"reportId": str(report.id)}


async def logo(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"description": "Волк в щите"}


async def text(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"text": "Гол! Невероятный удар с центра поля!"}


async def question_about_owners_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"input": {**await owners_team(session, cast), "question": "Когда тренировка?"}}


CAPTAIN_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.HIDDEN,
    Actor.OWNER: PASSES,
    Actor.MODERATOR: Outcome.HIDDEN,
}
MEMBERS_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: PASSES,
    Actor.MODERATOR: Outcome.FORBIDDEN,
}
STAFF = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.FORBIDDEN,
    Actor.MODERATOR: PASSES,
}

CASES = [
    Case("Query.aiFlows", "{ aiFlows { available flows { name } } }", everyone_signed_in()),
    Case("Query.aiUsage", "{ aiUsage { tier tokensLeft } }", everyone_signed_in()),
    flow("generateTeamConcept", ANYONE, idea),
    flow("analyzeJoinRequest", CAPTAIN_ONLY, application_to_owners_team),
    flow("summarizeTeamActivity", MEMBERS_ONLY, owners_team),
    flow("analyzePlayground", ANYONE, playground),
    flow("summarizePlaygroundReviews", ANYONE, playground),
    flow("triageConditionReport", STAFF, owners_report),
    flow("suggestOnboardingSteps", ANYONE),
    flow("generateDashboardTip", ANYONE),
    flow("generatePlatformNews", ANYONE),
    flow("generateTeamLogo", ANYONE, logo),
    flow("synthesizeSpeech", ANYONE, text),
    Case(
        "Subscription.askTeamAssistant",
        "subscription($input: AskTeamAssistantInput!) "
        "{ askTeamAssistant(input: $input) { __typename } }",
        MEMBERS_ONLY,
        question_about_owners_team,
        send=over_websocket,
    ),
]
