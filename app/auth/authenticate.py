"""From an access token to a ``Principal``: validate, provision, refuse the banned.

Bearer tokens (``Authorization`` header, WebSocket ``connection_init``) and the access tokens
that browser sessions keep server-side go through the same steps.
"""

from __future__ import annotations

import structlog

from app.auth.errors import InvalidTokenError, UserBannedError
from app.auth.principal import Principal
from app.auth.roles import parse_roles
from app.container import Container
from app.observability.logs import bind_user
from app.users import service as users

log = structlog.get_logger(__name__)


async def authenticate_bearer(container: Container, authorization: str) -> Principal:
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidTokenError("authorization is not a bearer token")
    return await authenticate_access_token(container, token.strip())


async def authenticate_access_token(container: Container, token: str) -> Principal:
    cached = container.principals.get(token, key_set=container.tokens.key_set)
    if cached is not None:
        bind_user(cached.user_id)
        return cached
    identity = await container.tokens.validate(token)
    async with container.db.transaction() as session:
        user = await users.provision(session, identity)
    if user.is_banned(container.clock.now()):
        assert user.banned_until is not None
        raise UserBannedError(user.banned_until, user.ban_reason)
    bind_user(user.id)
    principal = Principal(user_id=user.id, subject=user.subject, roles=parse_roles(user.roles))
    container.principals.put(
        token, principal, expires_at=identity.expires_at, key_set=container.tokens.key_set
    )
    return principal
