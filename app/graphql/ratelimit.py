"""Rate limits at the GraphQL edge: who the subject is, and a field extension to apply them.

``Throttle(POLICY, ...)`` on a field (or ``mutation(rate_limits=...)``) counts every call
before the resolver runs. A mutation whose result union lists ``RateLimited`` returns it;
elsewhere the error is top-level with ``extensions.code = RATE_LIMITED`` and ``retryAfter``,
and the HTTP response becomes 429 with ``Retry-After``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.types import Info

from app.graphql.context import Context
from app.ratelimit import service
from app.ratelimit.service import RatePolicy, Scope


def client_ip(context: Context) -> str:
    """The peer address; behind a proxy uvicorn's ``--forwarded-allow-ips`` makes it the client."""
    client = context.request.client
    return client.host if client is not None else "unknown"


def subject(context: Context, scope: Scope) -> str | None:
    if scope is Scope.IP:
        return client_ip(context)
    return str(context.principal.user_id) if context.principal is not None else None


async def enforce(context: Context, *policies: RatePolicy, cost: int = 1) -> None:
    """Count one call against each policy, in a transaction of its own so failures count too.

    User-scoped policies do not apply to anonymous callers (their IP-scoped ones do).
    """
    settings = context.container.settings.rate_limit
    if not settings.enabled:
        return
    checks = []
    for policy in policies:
        who = subject(context, policy.scope)
        if who is not None:
            limit = settings.overrides.get(policy.setting_key)
            checks.append((policy if limit is None else policy.with_limit(limit), who))
    async with context.rate_limit_lock, context.container.db.transaction() as session:
        await service.hit(session, checks, now=context.now(), cost=cost)


class Throttle(FieldExtension):
    def __init__(self, *policies: RatePolicy) -> None:
        self.policies = policies

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        await enforce(info.context, *self.policies)
        return await next_(source, info, **kwargs)
