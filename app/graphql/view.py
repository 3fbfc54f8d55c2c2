"""The Strawberry ASGI view: context per request, WebSocket auth in ``connection_init``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import orjson
import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from app.auth.authenticate import authenticate_bearer
from app.auth.errors import InvalidTokenError, UserBannedError
from app.auth.middleware import PRINCIPAL_SCOPE_KEY, rejection
from app.container import Container
from app.graphql.context import Context

NO_ACK_PAYLOAD: UnsetType = UNSET


class GraphQLApp(GraphQL[Context, None]):
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
            allowed_origins=[settings.session.frontend_origin],
        )
        self.container = container

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
