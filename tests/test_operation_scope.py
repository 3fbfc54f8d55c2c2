"""``OperationScope``: every operation works in a context, session and loaders of its own."""

from __future__ import annotations

from starlette.requests import Request

from app.container import Container
from app.graphql.context import Context
from app.graphql.schema import create_schema


async def test_operations_sharing_a_connection_context_do_not_share_sessions(
    container: Container,
) -> None:
    """A WebSocket hands the same context object to all of its operations (strawberry)."""
    request = Request({"type": "http", "headers": [], "client": ("127.0.0.1", 1)})
    connection = Context(request=request, response=None, container=container, principal=None)
    schema = create_schema()

    results = [
        await schema.execute("query { sports { code } }", context_value=connection)
        for _ in range(2)
    ]

    assert [result.errors for result in results] == [None, None]
    assert "session" not in vars(connection), "each operation got a copy"
    assert "loaders" not in vars(connection)
