"""Schema and field extensions: the operation's transaction and the error policy."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import structlog
from graphql import GraphQLError
from strawberry.extensions import FieldExtension, MaskErrors, SchemaExtension
from strawberry.types import Info
from strawberry.types.graphql import OperationType

from app.errors import DomainError
from app.events.outbox import take_emitted
from app.graphql.context import Context, Loaders

log = structlog.get_logger(__name__)

INTERNAL_MESSAGE = "Внутренняя ошибка сервера"


class OperationScope(SchemaExtension):
    """One context, session and set of loaders per operation; commit once at the end.

    Any error in the result rolls the whole operation back (OS2mo ``RollbackOnError``), so a
    failed mutation never leaves half of its writes behind. Strawberry hands every operation
    of one WebSocket the connection's context object; each operation gets its own copy here,
    so that concurrent subscriptions and queries on one socket never share a session.
    """

    async def on_operation(self) -> AsyncIterator[None]:
        context: Context = dataclasses.replace(self.execution_context.context)
        self.execution_context.context = context
        session = context.container.db.session()
        context.session = session
        context.loaders = Loaders(session)
        try:
            yield
            result = self.execution_context.result
            failed = result is None or bool(getattr(result, "errors", None))
            if failed or self.execution_context.operation_type is OperationType.SUBSCRIPTION:
                await session.rollback()
            else:
                await session.commit()
                context.container.responses.invalidate(take_emitted(session))
        finally:
            await session.close()


class ErrorPolicy(MaskErrors):
    """Expected errors keep their message and gain ``extensions.code``; others are masked.

    A masked error is logged with a fresh ``errorId`` that the client also receives, so support
    can find the traceback without the client ever seeing internals.
    """

    def __init__(self) -> None:
        super().__init__(error_message=INTERNAL_MESSAGE)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._process(error) for error in errors]

    def _process(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            return error
        if isinstance(original, DomainError):
            extensions = {"code": original.code, **original.extensions()}
            return _with_extensions(error, original.message, extensions)
        error_id = str(uuid.uuid4())
        log.error(
            "graphql.unexpected_error",
            error_id=error_id,
            path=error.path,
            exc_info=(type(original), original, original.__traceback__),
        )
        return _with_extensions(error, INTERNAL_MESSAGE, {"code": "INTERNAL", "errorId": error_id})


def _with_extensions(error: GraphQLError, message: str, extensions: dict[str, Any]) -> GraphQLError:
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


class Savepoint(FieldExtension):
    """Run a mutation inside a savepoint.

    When the service raises (a typed error, or a database error such as a unique violation)
    its writes are undone before the exception becomes a result-union member, and the
    operation's transaction stays usable for the response. A ``DomainError`` with
    ``keeps_changes`` releases the savepoint instead: its writes stand with the error.
    """

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        savepoint = await info.context.session.begin_nested()
        try:
            result = await next_(source, info, **kwargs)
        except DomainError as error:
            await (savepoint.commit() if error.keeps_changes else savepoint.rollback())
            raise
        except BaseException:
            await savepoint.rollback()
            raise
        await savepoint.commit()
        return result
