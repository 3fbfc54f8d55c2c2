"""Parsing and validation: cached, limited, and skipped for persisted operations.

This replaces Strawberry's ``ParserCache`` and ``ValidationCache`` because it needs three
things they do not do: the validation rules depend on the caller (introspection), a document
over a size limit must be refused before the specified rules run, and a persisted operation
must keep its parsed and validated form for the life of the process instead of competing for
LRU slots with every free-form document an attacker can send.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from functools import lru_cache
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule
from strawberry.types.graphql import OperationType

from app.auth.principal import Principal
from app.auth.roles import Role
from app.graphql.context import Context
from app.graphql.limits import (
    QueryLimits,
    check_measure,
    check_shape,
    limit_error,
    measure_operation,
)

Rules = tuple[type[ASTValidationRule], ...]
STRAWBERRY_RULES: Rules = (MaybeNullValidationRule, OneOfInputValidationRule)
TOO_MANY_TOKENS = "Document contains more than"
SUGGESTION = " Did you mean"


class PersistedOnly(GraphQLError):
    def __init__(self) -> None:
        super().__init__(
            "Разрешены только зарегистрированные операции",
            extensions={"code": "PERSISTED_QUERY_REQUIRED"},
        )


class WebSocketRequired(GraphQLError):
    def __init__(self) -> None:
        super().__init__(
            "Подписки работают только через WebSocket (graphql-transport-ws)",
            extensions={"code": "WEBSOCKET_REQUIRED"},
        )


class DocumentPolicy:
    """Per-schema state shared by every request: limits, access rules and the caches."""

    def __init__(
        self,
        limits: QueryLimits,
        *,
        introspection: bool,
        admin_introspection: bool,
        safelist_only: bool,
        parser_cache_size: int,
        validation_cache_size: int,
    ) -> None:
        self.limits = limits
        self.introspection = introspection
        self.admin_introspection = admin_introspection
        self.safelist_only = safelist_only
        self.parse = lru_cache(maxsize=parser_cache_size)(self._parse)
        self.validate = lru_cache(maxsize=validation_cache_size)(self._validate)
        self._persisted: dict[str, DocumentNode] = {}
        self._persisted_errors: dict[tuple[str, Rules, bool], tuple[GraphQLError, ...]] = {}

    def may_introspect(self, principal: Principal | None) -> bool:
        if self.introspection:
            return True
        admin = principal is not None and principal.has_any_role(Role.ADMINISTRATOR)
        return self.admin_introspection and admin

    def _parse(self, query: str) -> DocumentNode:
        if len(query) > self.limits.max_query_chars:
            raise limit_error(
                "chars",
                self.limits.max_query_chars,
                len(query),
                f"Слишком длинный запрос: допустимо {self.limits.max_query_chars} символов",
            )
        try:
            return parse(query, max_tokens=self.limits.max_tokens)
        except GraphQLSyntaxError as error:
            if TOO_MANY_TOKENS not in error.message:
                raise
            raise limit_error(
                "tokens",
                self.limits.max_tokens,
                self.limits.max_tokens + 1,
                f"Слишком много лексем: допустимо {self.limits.max_tokens}",
            ) from None

    def _validate(
        self, query: str, schema: Any, rules: Rules, hide: bool
    ) -> tuple[GraphQLError, ...]:
        """Shape limits first: a document over them gets those errors only.

        Keyed by the query text rather than the document: AST nodes hash their whole tree.
        """
        document = self.parse(query)
        shape_errors = check_shape(document, self.limits)
        if shape_errors:
            return tuple(shape_errors)
        return _standard_validation(schema, document, rules, hide)

    def persisted(
        self, operation_id: str, query: str, schema: Any, rules: Rules, hide: bool
    ) -> tuple[DocumentNode, tuple[GraphQLError, ...]]:
        """Parse and validate a persisted document once per process (no size limits).

        Keyed by the text, not the id: the id names whatever text the store holds for it."""
        document = self._persisted.get(query)
        if document is None:
            document = self._persisted[query] = parse(query)
        key = (query, rules, hide)
        if key not in self._persisted_errors:
            self._persisted_errors[key] = _standard_validation(schema, document, rules, hide)
        return document, self._persisted_errors[key]


def _standard_validation(
    schema: Any, document: DocumentNode, rules: Rules, hide: bool
) -> tuple[GraphQLError, ...]:
    errors = validate(schema, document, (*rules, *STRAWBERRY_RULES), hide_suggestions=hide)
    unique: dict[str, GraphQLError] = {}
    for error in errors:
        unique.setdefault(error.message, error)
    return tuple(unique.values())


def persisted_id_of(extensions: dict[str, Any] | None) -> str | None:
    persisted = (extensions or {}).get("persistedQuery")
    digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    return digest if isinstance(digest, str) else None


class Documents(SchemaExtension):
    def __init__(self, policy: DocumentPolicy) -> None:
        self.policy = policy
        self.rejected: GraphQLError | None = None

    async def on_operation(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context: Context = execution.context
        principal = context.principal
        self.hide = not self.policy.may_introspect(principal)
        if self.hide:
            rules = (*execution.validation_rules, NoSchemaIntrospectionCustomRule)
            execution.validation_rules = rules
        await self._resolve_persisted(context)
        yield
        if self.hide:
            _strip_suggestions(execution.result)

    async def _resolve_persisted(self, context: Context) -> None:
        execution = self.execution_context
        query = execution.query
        if not query:
            return
        operation_id = await self._persisted_id(context, query)
        if operation_id is None:
            if self.policy.safelist_only and not _is_staff(context.principal):
                self.rejected = PersistedOnly()
            return
        execution.graphql_document, errors = self.policy.persisted(
            operation_id, query, execution.schema._schema, execution.validation_rules, self.hide
        )
        execution.pre_execution_errors = list(errors)

    async def _persisted_id(self, context: Context, query: str) -> str | None:
        """The id of ``query`` if it is a registered document (by id, or by hash in safelist
        mode, where checking the text costs a hash and at most one primary-key read)."""
        store = context.container.persisted
        operation_id = persisted_id_of(self.execution_context.operation_extensions)
        if operation_id is not None and store.cached(operation_id) == query:
            return operation_id
        if not self.policy.safelist_only or _is_staff(context.principal):
            return None
        candidate = hashlib.sha256(query.encode()).hexdigest()
        return candidate if await store.get(context.session, candidate) == query else None

    def on_parse(self) -> Iterator[None]:
        if self.rejected is not None:
            raise self.rejected
        execution = self.execution_context
        if execution.graphql_document is None and execution.query:
            execution.graphql_document = self.policy.parse(execution.query)
        yield

    def on_validate(self) -> Iterator[None]:
        execution = self.execution_context
        if execution.pre_execution_errors is None and execution.query:
            errors = self.policy.validate(
                execution.query, execution.schema._schema, execution.validation_rules, self.hide
            )
            execution.pre_execution_errors = list(errors)
        yield

    def on_execute(self) -> Iterator[None]:
        """Over plain HTTP a subscription would run its resolver once and answer null."""
        execution = self.execution_context
        if execution.operation_type is not OperationType.SUBSCRIPTION:
            self._check_cost()
        elif not isinstance(execution.context.request, WebSocket):
            raise WebSocketRequired()
        yield

    def _check_cost(self) -> None:
        execution = self.execution_context
        document = execution.graphql_document
        assert document is not None
        operation = get_operation_ast(document, execution.operation_name)
        if operation is None:
            return
        measure = measure_operation(
            execution.schema._schema, document, operation, execution.variables
        )
        error = check_measure(measure, self.policy.limits)
        if error is not None:
            raise error


def _is_staff(principal: Principal | None) -> bool:
    return principal is not None and principal.is_staff


def _strip_suggestions(result: Any) -> None:
    """Execution-time errors (variable coercion) can carry suggestions too."""
    errors = getattr(result, "errors", None)
    if not errors:
        return
    result.errors = [_without_suggestion(error) for error in errors]


def _without_suggestion(error: GraphQLError) -> GraphQLError:
    if SUGGESTION not in error.message:
        return error
    return GraphQLError(
        error.message.split(SUGGESTION)[0],
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=error.extensions,
    )


def schema_errors(schema: Any, query: str) -> list[str]:
    """Why a document would fail on this schema (for registering persisted operations)."""
    try:
        document = parse(query)
    except GraphQLSyntaxError as error:
        return [error.message]
    return [
        error.message
        for error in _standard_validation(schema._schema, document, tuple(specified_rules), False)
    ]
