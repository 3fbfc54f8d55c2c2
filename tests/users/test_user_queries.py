from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.users.models import Audience
from tests.factories import create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter

PROFILE = """
query Profile($id: ID!) {
  user(id: $id) {
    id displayName email birthDate age bannedUntil
    contacts { telegram }
    privacy { teamsVisibility }
  }
}
"""

USERS = """
query Users($search: String, $first: Int!, $after: String) {
  users(search: $search, first: $first, after: $after) {
    edges { cursor node { id displayName } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""


async def test_other_viewers_see_only_what_privacy_allows(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    owner = await create_user(
        session,
        birth_date=date(2000, 1, 1),
        telegram="owner_tg",
        contacts_visibility=Audience.FRIENDS,
    )
    stranger = await create_user(session)

    response = await gql(PROFILE, {"id": str(owner.id)}, as_user=stranger)

    assert response.errors is None
    profile = response.data["user"]
    assert profile["email"] is None
    assert profile["birthDate"] is None
    assert profile["contacts"] is None
    assert profile["privacy"] is None
    assert profile["age"] == clock.now().year - 2000 - (
        clock.now().date() < date(clock.now().year, 1, 1)
    )


async def test_public_contacts_are_visible_to_everyone(gql: GQL, session: AsyncSession) -> None:
    owner = await create_user(session, telegram="open_tg", contacts_visibility=Audience.ALL)
    stranger = await create_user(session)

    response = await gql(PROFILE, {"id": str(owner.id)}, as_user=stranger)

    assert response.data["user"]["contacts"] == {"telegram": "open_tg"}


async def test_moderator_sees_private_fields(gql: GQL, session: AsyncSession) -> None:
    owner = await create_user(session, birth_date=date(1999, 3, 3), telegram="hidden_tg")
    moderator = await create_user(session, roles=[Role.MODERATOR])

    response = await gql(PROFILE, {"id": str(owner.id)}, as_user=moderator)

    assert response.data["user"]["email"] == owner.email
    assert response.data["user"]["birthDate"] == "1999-03-03"
    assert response.data["user"]["contacts"] == {"telegram": "hidden_tg"}
    assert response.data["user"]["privacy"] is None, "privacy settings are the owner's own"


async def test_unknown_or_malformed_id_is_null(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)

    unknown = await gql(PROFILE, {"id": "00000000-0000-0000-0000-000000000000"}, as_user=viewer)
    malformed = await gql(PROFILE, {"id": "not-a-uuid"}, as_user=viewer)

    assert unknown.errors is None
    assert unknown.data == {"user": None}
    assert malformed.errors is None
    assert malformed.data == {"user": None}


async def test_banned_users_are_hidden_from_others_but_not_from_staff(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    banned = await create_user(session, banned_until=clock.now() + timedelta(days=3))
    viewer = await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])

    hidden = await gql(PROFILE, {"id": str(banned.id)}, as_user=viewer)
    shown = await gql(PROFILE, {"id": str(banned.id)}, as_user=moderator)

    assert hidden.data == {"user": None}
    assert shown.data["user"]["bannedUntil"] is not None


async def test_users_pages_through_everyone_in_name_order(gql: GQL, session: AsyncSession) -> None:
    names = ["Яна", "Антон", "борис", "Вера", "Гоша"]
    created = [
        await create_user(session, username=f"p{i}", display_name=n) for i, n in enumerate(names)
    ]
    viewer = created[0]

    seen: list[str] = []
    after = None
    pages = 0
    while True:
        response = await gql(USERS, {"first": 2, "after": after}, as_user=viewer)
        assert response.errors is None
        connection = response.data["users"]
        seen.extend(edge["node"]["displayName"] for edge in connection["edges"])
        assert connection["pageInfo"]["hasPreviousPage"] is (after is not None)
        pages += 1
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]

    assert seen == ["Антон", "борис", "Вера", "Гоша", "Яна"]
    assert pages == 3


async def test_users_search_matches_name_and_nickname(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session, display_name="Зритель")
    await create_user(session, display_name="Пётр Нападающий")
    await create_user(session, display_name="Сергей", nickname="napadayushiy")
    await create_user(session, display_name="Защитник")

    by_name = await gql(USERS, {"search": "нападающ", "first": 10}, as_user=viewer)
    by_nick = await gql(USERS, {"search": "NAPAD", "first": 10}, as_user=viewer)
    wildcard = await gql(USERS, {"search": "%", "first": 10}, as_user=viewer)

    assert [e["node"]["displayName"] for e in by_name.data["users"]["edges"]] == ["Пётр Нападающий"]
    assert [e["node"]["displayName"] for e in by_nick.data["users"]["edges"]] == ["Сергей"]
    assert wildcard.data["users"]["edges"] == []


async def test_page_size_above_the_limit_is_rejected(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)

    too_many = await gql(USERS, {"first": 101}, as_user=viewer)
    zero = await gql(USERS, {"first": 0}, as_user=viewer)
    bad_cursor = await gql(USERS, {"first": 5, "after": "!!garbage"}, as_user=viewer)

    assert too_many.data is None
    assert too_many.error_codes == ["BAD_USER_INPUT"]
    assert zero.error_codes == ["BAD_USER_INPUT"]
    assert bad_cursor.error_codes == ["BAD_USER_INPUT"]


async def test_users_list_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await create_user(session)
    for i in range(30):
        await create_user(session, display_name=f"Игрок {i:02d}")

    with count_statements() as small:
        await gql(USERS, {"first": 2}, as_user=viewer)
    with count_statements() as large:
        response = await gql(USERS, {"first": 30}, as_user=viewer)

    assert len(response.data["users"]["edges"]) == 30
    # provisioning lookup, the rate-limit upsert (users.search), the page
    assert len(small) == len(large) == 3, str(large)
