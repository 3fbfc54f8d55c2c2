"""An overall time budget for a query or mutation (``statement_timeout`` bounds each SQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType


class OperationTimedOut(GraphQLError):
    def __init__(self, seconds: float) -> None:
        super().__init__(
            "Запрос выполнялся слишком долго и был прерван",
            extensions={"code": "TIMEOUT", "timeoutSeconds": seconds},
        )


class OperationTimeout(SchemaExtension):
    """Cancel execution after ``seconds``; subscriptions live as long as their client wants."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    async def on_execute(self) -> AsyncIterator[None]:
        if self.execution_context.operation_type is OperationType.SUBSCRIPTION:
            yield
            return
        try:
            async with asyncio.timeout(self.seconds):
                yield
        except TimeoutError:
            raise OperationTimedOut(self.seconds) from None
