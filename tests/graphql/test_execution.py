"""Plain leaf fields answered inline give exactly the answers and errors of the general path."""

import enum
from datetime import UTC, datetime

import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from app.graphql.execution import ExecutionContext, plain_leaves
from app.graphql.schema import create_schema


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"


@strawberry.type
class Item:
    id: strawberry.ID
    name: str
    nickname: str | None
    colour: Colour
    at: datetime

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


def _item(name: object) -> Item:
    return Item(
        id=strawberry.ID("1"),
        name=name,  # type: ignore[arg-type]
        nickname=None,
        colour=Colour.RED,
        at=datetime(2026, 5, 1, 12, 0, tzinfo=UTC),
    )


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return [_item("мяч"), _item(None), _item(object())]


QUERY = "{ items { id name nickname colour at shout } }"


def _run(context: type) -> tuple[object, list[tuple[str, object]]]:
    schema = strawberry.Schema(query=Query, execution_context_class=context)
    result = schema.execute_sync(QUERY)
    return result.data, [(e.message, e.path) for e in result.errors or []]


def test_answers_and_errors_match_the_general_path() -> None:
    fast = _run(ExecutionContext)
    general = _run(StrawberryGraphQLCoreExecutionContext)

    assert fast == general
    data, errors = fast
    assert data == {
        "items": [
            {
                "id": "1",
                "name": "мяч",
                "nickname": None,
                "colour": "RED",
                "at": "2026-05-01T12:00:00+00:00",
                "shout": "МЯЧ",
            },
            None,
            None,
        ]
    }
    assert errors[0] == (
        "Cannot return null for non-nullable field Item.name.",
        ["items", 1, "name"],
    )
    assert errors[1][1] == ["items", 2, "name"], "a value the scalar refuses is reported"


def test_only_attribute_reads_returning_leaves_take_the_inline_path() -> None:
    schema = strawberry.Schema(query=Query)._schema
    assert set(plain_leaves(schema)["Item"]) == {"id", "name", "nickname", "colour", "at"}

    ours = plain_leaves(create_schema()._schema)
    assert {"id", "text", "createdAt"} <= set(ours["ChatMessage"])
    assert "author" not in ours["ChatMessage"], "a resolver keeps the general path"
