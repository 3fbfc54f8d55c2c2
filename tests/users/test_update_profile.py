from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.users.models import User
from tests.factories import create_sport, create_user
from tests.fixtures.app import GQL, TestClock

UPDATE = """
mutation Update($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    __typename
    ... on UpdateProfilePayload { user { id displayName nickname city bio avatarUrl birthDate
      contacts { telegram discord } privacy { contactsVisibility invitePermission } } }
    ... on ValidationFailed { code message fields { path code message } }
    ... on NicknameTaken { code message }
    ... on NicknameCooldown { code message availableAt }
  }
}
"""


async def row(session: AsyncSession, user: User) -> dict[str, Any]:
    fresh = await session.scalar(select(User).where(User.id == user.id))
    assert fresh is not None
    columns = User.__table__.columns.keys()
    return {name: getattr(fresh, name) for name in columns if name != "updated_at"}


async def test_update_profile_changes_only_the_given_fields(
    gql: GQL, session: AsyncSession
) -> None:
    user = await create_user(session, city="Москва", bio="старое")

    response = await gql(
        UPDATE,
        {
            "input": {
                "displayName": "  Новое Имя ",
                "nickname": "striker_99",
                "bio": None,
                "avatarUrl": "https://cdn.example.com/a.png",
                "birthDate": "2000-05-01",
                "contacts": {"telegram": "@striker_tg"},
                "privacy": {"contactsVisibility": "ALL", "invitePermission": "NOBODY"},
            }
        },
        as_user=user,
    )

    assert response.errors is None
    payload = response.data["updateProfile"]
    assert payload["__typename"] == "UpdateProfilePayload"
    assert payload["user"] == {
        "id": str(user.id),
        "displayName": "Новое Имя",
        "nickname": "striker_99",
        "city": "Москва",
        "bio": None,
        "avatarUrl": "https://cdn.example.com/a.png",
        "birthDate": "2000-05-01",
        "contacts": {"telegram": "striker_tg", "discord": None},
        "privacy": {"contactsVisibility": "ALL", "invitePermission": "NOBODY"},
    }
    stored = await row(session, user)
    assert stored["nickname"] == "striker_99"
    assert stored["bio"] is None
    assert stored["nickname_changed_at"] is not None


@pytest.mark.parametrize(
    ("field_input", "path", "code"),
    [
        ({"displayName": "Я"}, "displayName", "TOO_SHORT"),
        ({"displayName": "   "}, "displayName", "REQUIRED"),
        ({"displayName": None}, "displayName", "REQUIRED"),
        ({"displayName": "x" * 51}, "displayName", "TOO_LONG"),
        ({"nickname": "ab"}, "nickname", "TOO_SHORT"),
        ({"nickname": "has space"}, "nickname", "INVALID_FORMAT"),
        ({"nickname": "x" * 31}, "nickname", "TOO_LONG"),
        ({"avatarUrl": "javascript:alert(1)"}, "avatarUrl", "INVALID_FORMAT"),
        ({"bannerUrl": "ftp://host/x.png"}, "bannerUrl", "INVALID_FORMAT"),
        ({"avatarUrl": "/relative.png"}, "avatarUrl", "INVALID_FORMAT"),
        ({"avatarUrl": "https://h/" + "a" * 2048}, "avatarUrl", "TOO_LONG"),
        ({"bio": "б" * 501}, "bio", "TOO_LONG"),
        ({"city": "М"}, "city", "TOO_SHORT"),
        ({"birthDate": "2099-01-01"}, "birthDate", "OUT_OF_RANGE"),
        ({"birthDate": "1900-01-01"}, "birthDate", "OUT_OF_RANGE"),
        ({"contacts": {"telegram": "a b"}}, "contacts.telegram", "INVALID_FORMAT"),
        ({"contacts": {"discord": "x"}}, "contacts.discord", "INVALID_FORMAT"),
    ],
)
async def test_invalid_input_returns_field_errors_and_changes_nothing(
    gql: GQL, session: AsyncSession, field_input: dict[str, Any], path: str, code: str
) -> None:
    user = await create_user(session, city="Казань")
    before = await row(session, user)

    response = await gql(UPDATE, {"input": {"city": "Сочи", **field_input}}, as_user=user)

    payload = response.data["updateProfile"]
    assert payload["__typename"] == "ValidationFailed"
    assert payload["code"] == "VALIDATION_FAILED"
    assert [(f["path"], f["code"]) for f in payload["fields"]] == [(path, code)]
    assert all(f["message"] for f in payload["fields"])
    assert await row(session, user) == before


async def test_all_field_errors_are_reported_together(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)

    response = await gql(
        UPDATE,
        {"input": {"displayName": "", "avatarUrl": "data:x", "bio": "b" * 600}},
        as_user=user,
    )

    fields = response.data["updateProfile"]["fields"]
    assert [f["path"] for f in fields] == ["displayName", "avatarUrl", "bio"]


async def test_nickname_taken_case_insensitively(gql: GQL, session: AsyncSession) -> None:
    await create_user(session, nickname="Striker")
    user = await create_user(session, city="Тула")
    before = await row(session, user)

    response = await gql(UPDATE, {"input": {"nickname": "striker", "city": "Омск"}}, as_user=user)

    assert response.data["updateProfile"]["__typename"] == "NicknameTaken"
    assert response.data["updateProfile"]["code"] == "NICKNAME_TAKEN"
    assert await row(session, user) == before


async def test_nickname_cooldown_between_changes(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    first = await gql(UPDATE, {"input": {"nickname": "first_nick"}}, as_user=user)
    assert first.data["updateProfile"]["__typename"] == "UpdateProfilePayload"
    before = await row(session, user)

    clock.advance(timedelta(days=29))
    refused = await gql(UPDATE, {"input": {"nickname": "second_nick"}}, as_user=user)

    assert refused.data["updateProfile"]["__typename"] == "NicknameCooldown"
    available_at = refused.data["updateProfile"]["availableAt"]
    assert available_at == (before["nickname_changed_at"] + timedelta(days=30)).isoformat()
    assert await row(session, user) == before

    clock.advance(timedelta(days=1, seconds=1))
    allowed = await gql(UPDATE, {"input": {"nickname": "second_nick"}}, as_user=user)
    assert allowed.data["updateProfile"]["user"]["nickname"] == "second_nick"


async def test_same_nickname_again_is_not_a_change(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    await gql(UPDATE, {"input": {"nickname": "steady"}}, as_user=user)

    again = await gql(UPDATE, {"input": {"nickname": "steady", "city": "Пермь"}}, as_user=user)

    assert again.data["updateProfile"]["__typename"] == "UpdateProfilePayload"


async def test_anonymous_cannot_update(gql: GQL) -> None:
    response = await gql(UPDATE, {"input": {"city": "Москва"}})

    assert response.data is None
    assert response.error_codes == ["UNAUTHENTICATED"]


async def test_birth_date_limits_are_inclusive(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    today = clock.now().date()
    oldest = date(today.year - 100, today.month, min(today.day, 28))

    response = await gql(UPDATE, {"input": {"birthDate": oldest.isoformat()}}, as_user=user)

    assert response.data["updateProfile"]["__typename"] == "UpdateProfilePayload"


FAVOURITES = """
mutation Favourites($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    __typename
    ... on UpdateProfilePayload { user { favouriteSports { name } } }
    ... on ValidationFailed { fields { path code } }
  }
}
"""


async def test_favourite_sports_keep_the_users_order_and_null_clears_them(
    gql: GQL, session: AsyncSession
) -> None:
    user = await create_user(session)
    football, chess = await create_sport(session, name="Футбол"), await create_sport(session)
    ids = [str(chess.id), str(football.id), str(chess.id)]

    chosen = await gql(FAVOURITES, {"input": {"favouriteSportIds": ids}}, as_user=user)
    stored = (await row(session, user))["favourite_sport_ids"]
    cleared = await gql(FAVOURITES, {"input": {"favouriteSportIds": None}}, as_user=user)

    assert chosen.data["updateProfile"]["user"]["favouriteSports"] == [
        {"name": chess.name},
        {"name": "Футбол"},
    ]
    assert stored == [chess.id, football.id]
    assert cleared.data["updateProfile"]["user"]["favouriteSports"] == []


@pytest.mark.parametrize(
    ("sport_ids", "code"),
    [
        (["00000000-0000-0000-0000-000000000000"], "NOT_FOUND"),
        (["not-an-id"], "NOT_FOUND"),
        ("six", "TOO_LONG"),
    ],
)
async def test_unknown_or_too_many_favourite_sports_change_nothing(
    gql: GQL, session: AsyncSession, sport_ids: list[str] | str, code: str
) -> None:
    user = await create_user(session, city="Казань")
    if sport_ids == "six":
        sport_ids = [str((await create_sport(session)).id) for _ in range(6)]
    before = await row(session, user)

    response = await gql(
        FAVOURITES,
        {"input": {"city": "Сочи", "bio": "b" * 600, "favouriteSportIds": sport_ids}},
        as_user=user,
    )

    fields = response.data["updateProfile"]["fields"]
    assert [(f["path"], f["code"]) for f in fields] == [
        ("bio", "TOO_LONG"),
        ("favouriteSportIds", code),
    ], "reported together with the other fields' errors"
    assert await row(session, user) == before
