from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dev_issuer import DevIssuer
from app.auth.roles import Role
from app.users.models import User
from tests.factories import create_user
from tests.fixtures.app import GQL

ME = "query Me { me { id displayName roles email privacy { contactsVisibility } } }"


async def test_me_returns_the_caller_with_roles(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session, name="Алиса", roles=[Role.PLAYER, Role.CAPTAIN])

    response = await gql(ME, as_user=user)

    assert response.errors is None
    assert response.data == {
        "me": {
            "id": str(user.id),
            "displayName": "Алиса",
            "roles": ["CAPTAIN", "PLAYER"],
            "email": user.email,
            "privacy": {"contactsVisibility": "FRIENDS"},
        }
    }


async def test_me_anonymous_is_unauthenticated(gql: GQL) -> None:
    response = await gql(ME)

    assert response.data is None
    assert response.error_codes == ["UNAUTHENTICATED"]


async def test_first_token_provisions_the_user_and_later_tokens_refresh_claims(
    gql: GQL, dev_issuer: DevIssuer, session: AsyncSession
) -> None:
    token = dev_issuer.mint("kc-new", username="newbie", email="a@x.test", name="Новичок")

    first = await gql(ME, token=token)
    assert first.data is not None
    assert first.data["me"]["displayName"] == "Новичок"
    assert first.data["me"]["roles"] == ["PLAYER"]

    token = dev_issuer.mint(
        "kc-new", username="newbie", email="b@x.test", name="Другое имя", roles=[Role.ORGANIZER]
    )
    second = await gql(ME, token=token)

    assert second.data is not None
    assert second.data["me"]["id"] == first.data["me"]["id"]
    assert second.data["me"]["roles"] == ["ORGANIZER"]
    assert second.data["me"]["email"] == "b@x.test"
    assert second.data["me"]["displayName"] == "Новичок", "the display name belongs to the user"
    count = await session.scalar(select(func.count()).where(User.subject == "kc-new"))
    assert count == 1


async def test_banned_user_is_refused_with_forbidden(
    gql: GQL, session: AsyncSession, clock
) -> None:
    from datetime import timedelta

    user = await create_user(session, banned_until=clock.now() + timedelta(days=1))

    response = await gql(ME, as_user=user)

    assert response.status_code == 403
    assert response.data is None
    assert response.error_codes == ["FORBIDDEN"]


async def test_ban_that_has_expired_no_longer_applies(
    gql: GQL, session: AsyncSession, clock
) -> None:
    from datetime import timedelta

    user = await create_user(session, banned_until=clock.now() - timedelta(minutes=1))

    response = await gql(ME, as_user=user)

    assert response.errors is None
