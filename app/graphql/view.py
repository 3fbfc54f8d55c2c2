"""The Strawberry ASGI view: context per request, WebSocket auth in ``connection_init``.

Transport rules that hold for every caller live here (see docs/security.md): JSON bodies only,
no batching, GET only for persisted queries, persisted operations by id, 429 for rate limits.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial
from typing import Any

import orjson
import strawberry
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.execution import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from app.auth.authenticate import authenticate_bearer
from app.auth.errors import InvalidTokenError, UserBannedError
from app.auth.middleware import PRINCIPAL_SCOPE_KEY, graphql_error_response, rejection
from app.container import Container
from app.graphql.context import Context
from app.graphql.documents import persisted_id_of
from app.graphql.response_cache import Query
from app.graphql.websocket import TransportWSHandler
from app.operations.service import document_id

NO_ACK_PAYLOAD: UnsetType = UNSET
JSON_CONTENT_TYPES = frozenset({"application/json", "application/graphql-response+json"})
SHA256 = re.compile(r"[0-9a-f]{64}")
PERSISTED_KEYS = ("id", "documentId", "extensions")


class TransportError(Exception):
    """A request refused before GraphQL runs, answered with a GraphQL-shaped error body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def response(self) -> Response:
        response = graphql_error_response(self.message, self.code, self.status)
        if self.status == 405:
            response.headers["Allow"] = "POST"
        return response


class GraphQLApp(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = TransportWSHandler

    def __init__(self, schema: strawberry.Schema, container: Container) -> None:
        settings = container.settings
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql_enabled else None,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(
                seconds=settings.graphql.ws_connection_init_timeout_s
            ),
            max_subscriptions_per_connection=settings.graphql.ws_max_operations,
            allowed_origins=_websocket_origins(container),
        )
        self.container = container
        self.graphql_schema = schema._schema
        self.ws_keepalive_interval_s = settings.graphql.ws_keepalive_interval_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except TransportError as error:
            response = error.response()
        except HTTPException as error:
            if isinstance(error.__cause__, InvalidOperationTypeError):
                message = "Мутации выполняются только запросом POST"
                response = TransportError(405, "METHOD_NOT_ALLOWED", message).response()
            else:
                response = graphql_error_response(error.reason, "BAD_REQUEST", error.status_code)
        await response(scope, receive, send)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        persisted = any(key in request.query_params for key in PERSISTED_KEYS)
        return not persisted and super().should_render_graphql_ide(request)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        if request.method == "GET":
            data = self.parse_query_params(request.query_params)
        else:
            content_type, _ = parse_content_type(request.content_type or "")
            if content_type not in JSON_CONTENT_TYPES:
                message = "Тело запроса должно быть JSON (application/json)"
                raise TransportError(415, "UNSUPPORTED_MEDIA_TYPE", message)
            data = self.parse_json(await request.get_body())
        if isinstance(data, list):
            raise TransportError(400, "BATCHING_DISABLED", "Пакетные запросы не поддерживаются")
        if not isinstance(data, dict):
            raise TransportError(400, "BAD_REQUEST", "Тело запроса должно быть объектом JSON")
        return await self._request_data(data, get=request.method == "GET")

    async def _request_data(self, data: dict[str, Any], *, get: bool) -> GraphQLRequestData:
        query, variables, extensions = (
            data.get("query"),
            data.get("variables"),
            data.get("extensions"),
        )
        if not isinstance(query, str | None) or not isinstance(variables, dict | None):
            raise TransportError(400, "BAD_REQUEST", "query и variables имеют неверный тип")
        if not isinstance(extensions, dict | None):
            raise TransportError(400, "BAD_REQUEST", "extensions должно быть объектом")
        operation_id = data.get("id") or data.get("documentId") or persisted_id_of(extensions)
        if operation_id is None:
            if get and self.container.settings.graphql.get_requires_persisted_id:
                message = "Запрос GET допускается только для сохранённых операций"
                raise TransportError(405, "METHOD_NOT_ALLOWED", message)
            return GraphQLRequestData(query, variables, data.get("operationName"), extensions)
        operation_id = self._checked_id(operation_id, query)
        query = query if query is not None else await self._persisted_document(operation_id)
        extensions = {**(extensions or {}), "persistedQuery": {"sha256Hash": operation_id}}
        return GraphQLRequestData(query, variables, data.get("operationName"), extensions)

    def _checked_id(self, operation_id: object, query: str | None) -> str:
        if not isinstance(operation_id, str) or not SHA256.fullmatch(operation_id.lower()):
            raise TransportError(400, "BAD_REQUEST", "Идентификатор операции — sha256 в hex")
        if query is not None and document_id(query) != operation_id.lower():
            raise TransportError(400, "BAD_REQUEST", "provided sha does not match query")
        return operation_id.lower()

    async def _persisted_document(self, operation_id: str) -> str:
        async with self.container.db.session() as session:
            document = await self.container.persisted.get(session, operation_id)
        if document is None:
            raise TransportError(200, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound")
        return document

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Public queries are answered from the replica's response cache when it can."""
        cache = self.container.responses
        query = request_data.query
        if not cache.enabled or query is None:
            return await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        asked = Query(query, request_data.operation_name, request_data.variables, context.principal)
        return await cache.answer(
            self.graphql_schema,
            asked,
            partial(
                super().execute_single,
                request,
                request_adapter,
                sub_response,
                context,
                root_value,
                request_data,
            ),
            context.cacheability,
        )

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        retry_after = _retry_after(response_data)
        if retry_after is not None:
            response.status_code = 429
            response.headers["Retry-After"] = str(retry_after)
        return response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None = None
    ) -> Context:
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            container=self.container,
            principal=request.scope.get(PRINCIPAL_SCOPE_KEY),
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = context.connection_params or {}
        authorization = params.get("authorization") or params.get("Authorization")
        if authorization is None:
            return NO_ACK_PAYLOAD
        if not isinstance(authorization, str):
            raise ConnectionRejectionError({"code": "UNAUTHENTICATED"})
        try:
            context.principal = await authenticate_bearer(self.container, authorization)
        except (InvalidTokenError, UserBannedError) as exc:
            message, code, _, _ = rejection(exc)
            raise ConnectionRejectionError({"message": message, "code": code}) from exc
        return NO_ACK_PAYLOAD

    def encode_json(self, data: Any) -> str:
        """orjson, as text: graphql-transport-ws requires text frames."""
        return orjson.dumps(data).decode()


def _retry_after(response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse]) -> int | None:
    """The longest wait among top-level RATE_LIMITED errors, if any."""
    errors: list[Any] = (
        response_data.get("errors") if isinstance(response_data, dict) else None
    ) or []
    waits = [
        int(error["extensions"].get("retryAfter", 1))
        for error in errors
        if (error.get("extensions") or {}).get("code") == "RATE_LIMITED"
    ]
    return max(waits) if waits else None


def _websocket_origins(container: Container) -> list[str]:
    """The allow-list, plus the browser-login frontend when cookie sessions are on."""
    origins = set(container.settings.http.allowed_origins)
    if container.browser is not None:
        origins.add(container.settings.session.frontend_origin)
    return sorted(origins)
