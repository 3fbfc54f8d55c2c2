"""AI flows. The matrix app has no key, so a caller who passes every check gets AiUnavailable
(a typed refusal): ``PASSES`` below. Refused callers get FORBIDDEN or NotFound before that."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.matches.models import MatchStatus
from app.playgrounds.models import ConditionReport
from app.playgrounds.values import ConditionCategory
from app.tournaments.models import TournamentStatus
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in, over_websocket
from tests.factories import (
    create_application,
    create_chat,
    create_match,
    create_message,
    create_playground,
    create_sport,
    create_team,
)
from tests.tournaments.helpers import create_tournament

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


async def owners_team_chat(session: AsyncSession, cast: Cast) -> Any:
    team = await create_team(session, captain=cast.owner)
    return await create_chat(session, members=[cast.owner], subject_id=team.id)


async def owners_mention(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    chat = await owners_team_chat(session, cast)
    message = await create_message(session, chat=chat, sender=cast.owner, text="@ai кто в составе?")
    return {"messageId": str(message.id)}


async def owners_chat(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"chatId": str((await owners_team_chat(session, cast)).id)}


def owners_match(status: MatchStatus) -> Any:
    """A match of the owner's team (the home side) in ``status``."""

    async def arrange(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        sport = await create_sport(session)
        home = await create_team(session, captain=cast.owner, sport=sport)
        away = await create_team(session, sport=sport)
        match = await create_match(session, home=home, away=away, status=status)
        return {"matchId": str(match.id)}

    return arrange


async def organizers_idea(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    cast.owner.roles = [Role.PLAYER.value, Role.ORGANIZER.value]
    return {"idea": "Летний кубок двора на восемь команд"}


async def finished_tournament(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    t = await create_tournament(session, organizer=cast.owner, status=TournamentStatus.FINISHED)
    return {"tournamentId": str(t.id)}


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
OWN_CHAT = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.HIDDEN,
    Actor.OWNER: PASSES,
    Actor.MODERATOR: Outcome.HIDDEN,
}
CAPTAINS = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: PASSES,
    Actor.MODERATOR: Outcome.FORBIDDEN,
}
ORGANIZERS = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: PASSES,
    Actor.MODERATOR: PASSES,
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
    flow("answerTeamChatMention", OWN_CHAT, owners_mention),
    flow("suggestChatReplies", OWN_CHAT, owners_chat),
    flow("generateTeamLogo", ANYONE, logo),
    flow("synthesizeSpeech", ANYONE, text),
    flow("suggestMatchChallenge", CAPTAINS, owners_team),
    flow("predictMatchOutcome", ANYONE, owners_match(MatchStatus.SCHEDULED)),
    flow("analyzeMatchReport", ANYONE, owners_match(MatchStatus.CONFIRMED)),
    flow("generateMatchPost", ANYONE, owners_match(MatchStatus.CONFIRMED)),
    flow("analyzeMatchDispute", STAFF, owners_match(MatchStatus.DISPUTED)),
    flow("draftTournament", ORGANIZERS, organizers_idea),
    flow("summarizeTournament", ANYONE, finished_tournament),
    Case(
        "Subscription.askTeamAssistant",
        "subscription($input: AskTeamAssistantInput!) "
        "{ askTeamAssistant(input: $input) { __typename } }",
        MEMBERS_ONLY,
        question_about_owners_team,
        send=over_websocket,
    ),
]
