from __future__ import annotations

import strawberry

from app.graphql.errors import UserError, maps
from app.ratelimit.errors import RateLimitedError


@maps(RateLimitedError)
@strawberry.type(description="Слишком много запросов: повторите через retryAfter секунд.")
class RateLimited(UserError):
    retry_after: int = strawberry.field(description="Через сколько секунд можно повторить.")
