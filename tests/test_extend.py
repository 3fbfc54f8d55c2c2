"""extend_type: one domain's fields on another domain's GraphQL type."""

from __future__ import annotations

import pytest
import strawberry

from app.graphql.extend import extend_type


@strawberry.type
class Player:
    name: str


def _greeting(root: Player) -> str:
    return f"Привет, {root.name}"


@strawberry.type
class Greeting:
    greeting: str = strawberry.field(resolver=_greeting)


@strawberry.type
class Clash:
    name: str


@strawberry.type
class Query:
    @strawberry.field
    def player(self) -> Player:
        return Player(name="Алиса")


extend_type(Player, Greeting)


def test_fields_are_added_and_resolve_with_the_extended_object() -> None:
    result = strawberry.Schema(query=Query).execute_sync("{ player { name greeting } }")

    assert result.data == {"player": {"name": "Алиса", "greeting": "Привет, Алиса"}}


def test_a_field_cannot_be_defined_twice() -> None:
    with pytest.raises(ValueError, match=r"Player\.name is already defined"):
        extend_type(Player, Clash)
