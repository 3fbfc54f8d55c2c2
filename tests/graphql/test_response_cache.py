"""Public pages are answered from the replica's memory until an event of theirs, and never
across audiences: another role set, or an answer that depended on who asked."""

import uuid
from collections.abc import AsyncIterator, Awaitable

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dev_issuer import DevIssuer
from app.chat.events import ChatRead
from app.container import Container
from app.db import Database
from app.events.envelope import Envelope
from app.main import create_app
from app.settings import Settings
from app.teams.events import TeamUpdated
from app.teams.models import Team
from app.tournaments.models import TournamentStatus
from app.users.models import User
from tests.factories import create_team, create_user
from tests.fixtures.app import GQL, GQLResponse, TestClock, make_container, token_for
from tests.fixtures.statements import StatementCounter
from tests.tournaments.helpers import create_tournament

TEAM_PAGE = """
query TeamPage($id: ID!) {
  team(id: $id) { id name members { role user { displayName xp rank { level } } } }
}
"""
WITH_ME = "query Both($id: ID!) { me { id } team(id: $id) { name } }"
TOURNAMENT = "query Page($id: ID!) { tournament(id: $id) { id name status } }"
NEAR = """
query Near($lat: Float!) {
  playgroundsNear(latitude: $lat, longitude: 37.6) { nodes { distanceMeters } }
}
"""
RENAME = """
mutation Rename($input: UpdateTeamInput!) {
  updateTeam(input: $input) { __typename ... on UpdateTeamPayload { team { name } } }
}
"""


@pytest.fixture
def cached_container(
    settings: Settings, database: Database, dev_issuer: DevIssuer, clock: TestClock
) -> Container:
    graphql = settings.graphql.model_copy(update={"response_cache_s": 60.0})
    limits = settings.rate_limit.model_copy(update={"overrides": {"playgrounds.search:user": 2}})
    changed = settings.model_copy(update={"graphql": graphql, "rate_limit": limits})
    return make_container(changed, database, dev_issuer, clock)


@pytest.fixture
async def cached(
    cached_container: Container, dev_issuer: DevIssuer, session: AsyncSession
) -> AsyncIterator[GQL]:
    transport = httpx.ASGITransport(app=create_app(container=cached_container))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield GQL(client, dev_issuer, session)


async def test_a_public_page_is_served_from_memory_and_a_mutation_here_refreshes_it(
    cached: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain, name="Старое имя")
    variables = {"id": str(team.id)}

    token = token_for(cached.issuer, captain)
    first = await cached(TEAM_PAGE, variables, token=token)
    with count_statements() as log:
        second = await cached(TEAM_PAGE, variables, token=token)
    renamed = await cached(
        RENAME, {"input": {"teamId": str(team.id), "name": "Новое имя"}}, as_user=captain
    )
    after = await cached(TEAM_PAGE, variables, as_user=captain)

    assert first.errors is None
    assert second.data == first.data
    assert len(log) == 0, str(log)
    assert renamed.data["updateTeam"]["__typename"] == "UpdateTeamPayload"
    assert after.data["team"]["name"] == "Новое имя"


async def test_an_event_from_another_replica_refreshes_it_and_an_unrelated_one_does_not(
    cached: GQL, cached_container: Container, session: AsyncSession
) -> None:
    viewer = await create_user(session)
    team = await create_team(session, name="Было")
    variables = {"id": str(team.id)}
    await cached(TEAM_PAGE, variables, as_user=viewer)
    (await session.get_one(Team, team.id)).name = "Стало"
    await session.flush()

    chat = ChatRead(chat_id=uuid.uuid4(), user_id=viewer.id, seq=1)
    cached_container.hub.publish(Envelope.wrap(chat, actor_id=viewer.id))
    unchanged = await cached(TEAM_PAGE, variables, as_user=viewer)
    update = TeamUpdated(team_id=team.id, changed_fields=["name"], slug=team.slug)
    cached_container.hub.publish(Envelope.wrap(update, actor_id=None))
    changed = await cached(TEAM_PAGE, variables, as_user=viewer)

    assert unchanged.data["team"]["name"] == "Было"
    assert changed.data["team"]["name"] == "Стало"


async def test_a_document_with_a_private_field_is_never_cached(
    cached: GQL, cached_container: Container, session: AsyncSession
) -> None:
    viewer = await create_user(session)
    team = await create_team(session)

    for _ in range(2):
        response = await cached(WITH_ME, {"id": str(team.id)}, as_user=viewer)
        assert response.data["me"] == {"id": str(viewer.id)}

    assert len(cached_container.responses) == 0


async def test_a_public_tournament_is_shared_and_a_draft_is_never_kept(
    cached: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    organizer = await create_user(session)
    stranger = await create_user(session)
    draft = await create_tournament(session, organizer=organizer, status=TournamentStatus.DRAFT)
    public = await create_tournament(session, status=TournamentStatus.REGISTRATION)
    tokens = {user.id: token_for(cached.issuer, user) for user in (organizer, stranger)}
    for token in tokens.values():
        await cached("query { __typename }", token=token)

    def page(tournament_id: uuid.UUID, viewer: User) -> Awaitable[GQLResponse]:
        return cached(TOURNAMENT, {"id": str(tournament_id)}, token=tokens[viewer.id])

    seen = await page(draft.id, organizer)
    with count_statements() as again:
        seen_again = await page(draft.id, organizer)
    hidden = await page(draft.id, stranger)
    listed = await page(public.id, organizer)
    with count_statements() as shared:
        listed_for_stranger = await page(public.id, stranger)

    assert seen.data["tournament"]["status"] == "DRAFT"
    assert seen_again.data == seen.data
    assert len(again) > 0
    assert hidden.data == {"tournament": None}
    assert listed_for_stranger.data == listed.data
    assert len(shared) == 0, str(shared)


async def test_a_caller_who_may_not_see_the_page_gets_the_error_not_the_cached_answer(
    cached: GQL, session: AsyncSession
) -> None:
    viewer = await create_user(session)
    team = await create_team(session)
    variables = {"id": str(team.id)}

    await cached(TEAM_PAGE, variables, as_user=viewer)
    anonymous = await cached(TEAM_PAGE, variables)

    assert anonymous.data is None or anonymous.data.get("team") is None
    assert anonymous.error_codes == ["UNAUTHENTICATED"]


async def test_answers_with_errors_are_not_kept(
    cached: GQL, cached_container: Container, session: AsyncSession
) -> None:
    viewer = await create_user(session)

    response = await cached(TEAM_PAGE, {"id": "not-a-uuid"}, as_user=viewer)
    missing = await cached("query { team { id } }", as_user=viewer)

    assert response.errors is None
    assert response.data == {"team": None}
    assert missing.error_codes == ["BAD_USER_INPUT"]
    assert len(cached_container.responses) == 1


async def test_a_cached_search_is_not_counted_against_its_rate_limit_and_a_new_one_is(
    cached: GQL, session: AsyncSession
) -> None:
    viewer = await create_user(session)

    repeated = [await cached(NEAR, {"lat": 55.7}, as_user=viewer) for _ in range(4)]
    second = await cached(NEAR, {"lat": 55.8}, as_user=viewer)
    third = await cached(NEAR, {"lat": 55.9}, as_user=viewer)

    assert all(response.errors is None for response in repeated)
    assert second.errors is None
    assert third.error_codes == ["RATE_LIMITED"]
