import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dev_issuer import DevIssuer
from app.auth.principal import Principal
from app.auth.principals import PrincipalCache
from app.auth.roles import Role
from app.container import Container
from app.events.envelope import Envelope
from app.moderation.events import UserBanned
from app.users import service as users
from tests.factories import create_user
from tests.fixtures.app import GQL, TestClock, token_for

ME = "query Me { me { id } }"
KEYS = object()


def principal() -> Principal:
    return Principal(user_id=uuid.uuid4(), subject="s", roles=frozenset({Role.PLAYER}))


def cache_at(now: list[float], ttl_s: float = 10.0, size: int = 100) -> PrincipalCache:
    return PrincipalCache(ttl_s, size=size, now=lambda: now[0])


def test_an_entry_lives_ttl_seconds_but_never_past_the_tokens_expiry() -> None:
    now = [1000.0]
    cache = cache_at(now)
    alice, boris = principal(), principal()
    cache.put("a", alice, expires_at=None, key_set=KEYS)
    cache.put("b", boris, expires_at=1004.0, key_set=KEYS)

    now[0] = 1003.9
    assert cache.get("a", key_set=KEYS) is alice
    assert cache.get("b", key_set=KEYS) is boris
    now[0] = 1004.0
    assert cache.get("b", key_set=KEYS) is None
    now[0] = 1010.0
    assert cache.get("a", key_set=KEYS) is None


def test_a_new_key_set_revalidates_every_token() -> None:
    cache = cache_at([0.0])
    cache.put("a", principal(), expires_at=None, key_set=KEYS)

    assert cache.get("a", key_set=object()) is None


def test_the_least_recently_stored_entries_go_first_and_zero_ttl_stores_nothing() -> None:
    cache = cache_at([0.0], size=2)
    for token in ("a", "b", "c"):
        cache.put(token, principal(), expires_at=None, key_set=KEYS)

    assert [cache.get(t, key_set=KEYS) is not None for t in ("a", "b", "c")] == [
        False,
        True,
        True,
    ]
    off = cache_at([0.0], ttl_s=0)
    off.put("a", principal(), expires_at=None, key_set=KEYS)
    assert off.get("a", key_set=KEYS) is None


def test_an_event_on_an_account_channel_forgets_only_that_accounts_tokens() -> None:
    cache = cache_at([0.0])
    banned, other = principal(), principal()
    cache.put("phone", banned, expires_at=None, key_set=KEYS)
    cache.put("laptop", banned, expires_at=None, key_set=KEYS)
    cache.put("other", other, expires_at=None, key_set=KEYS)
    event = UserBanned(
        user_id=banned.user_id,
        moderator_id=other.user_id,
        banned_until=TestClock().now(),
        permanent=False,
    )

    cache.observe(Envelope.wrap(event, actor_id=other.user_id))

    assert cache.get("phone", key_set=KEYS) is None
    assert cache.get("laptop", key_set=KEYS) is None
    assert cache.get("other", key_set=KEYS) is other


async def test_a_ban_heard_by_the_hub_refuses_the_next_request_with_the_same_token(
    gql: GQL,
    session: AsyncSession,
    container: Container,
    clock: TestClock,
    dev_issuer: DevIssuer,
) -> None:
    user = await create_user(session)
    moderator = await create_user(session)
    token = token_for(dev_issuer, user)
    assert (await gql(ME, token=token)).errors is None
    until = clock.now() + timedelta(days=1)
    await users.ban(session, user.id, until=until, reason=None)
    assert (await gql(ME, token=token)).errors is None, "served from the cache until told"

    event = UserBanned(
        user_id=user.id, moderator_id=moderator.id, banned_until=until, permanent=False
    )
    container.hub.publish(Envelope.wrap(event, actor_id=moderator.id))
    response = await gql(ME, token=token)

    assert response.status_code == 403
    assert response.error_codes == ["FORBIDDEN"]
