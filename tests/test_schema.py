"""The schema as a contract: deny by default, committed SDL in sync, migrations match models."""

from __future__ import annotations

from pathlib import Path

import strawberry
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import AsyncEngine
from strawberry.permission import PermissionExtension
from strawberry.types.base import get_object_definition

from app.db import Base
from app.graphql.permissions import authenticated
from app.graphql.schema import Mutation, Query, create_schema

ROOT = Path(__file__).resolve().parent.parent

#: Root fields anyone may call without signing in. Everything else must declare a permission.
PUBLIC_FIELDS: frozenset[str] = frozenset(
    {
        # The sports catalogue is reference data for public pages (landing, sign-up) and
        # holds nothing about any user.
        "Query.sports",
        "Query.sport",
    }
)


def unprotected_root_fields(*root_types: type) -> list[str]:
    missing = []
    for root in root_types:
        definition = get_object_definition(root, strict=True)
        for field in definition.fields:
            protected = any(isinstance(ext, PermissionExtension) for ext in field.extensions)
            name = f"{definition.name}.{field.python_name}"
            if not protected and name not in PUBLIC_FIELDS:
                missing.append(name)
    return missing


def test_every_root_field_declares_a_permission() -> None:
    schema = create_schema()
    roots = [schema.query, schema.mutation, schema.subscription]
    assert unprotected_root_fields(*(r for r in roots if r is not None)) == []


def test_the_check_catches_an_unprotected_field() -> None:
    @strawberry.type
    class Leaky:
        @strawberry.field
        def secret(self) -> str:
            return "x"

        @strawberry.field(permission_classes=authenticated())
        def guarded(self) -> str:
            return "y"

    assert unprotected_root_fields(Leaky) == ["Leaky.secret"]


def test_committed_schema_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == create_schema().as_str() + "\n", (
        "run `prodvor export-schema --output schema.graphql`"
    )


def test_public_fields_exist() -> None:
    names = {
        f"{get_object_definition(root, strict=True).name}.{field.python_name}"
        for root in (Query, Mutation)
        for field in get_object_definition(root, strict=True).fields
    }
    assert names >= PUBLIC_FIELDS


async def test_migrations_produce_exactly_the_models(engine: AsyncEngine) -> None:
    def diff(connection: object) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})  # type: ignore[arg-type]
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as conn:
        assert await conn.run_sync(diff) == []
