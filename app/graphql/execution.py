"""An execution context that completes plain leaf fields inline.

graphql-core sends every field down one path: a ``ResolveInfo``, the argument values,
Strawberry's resolver wrapper, then ``complete_value``. For a field that only reads an
attribute and returns a scalar or an enum (most of a page: ids, names, times) that path costs
several times the read itself; on a 50-message chat page it was a third of the CPU. Such
fields are found once per schema and answered by reading the attribute and serialising it.
Anything unusual (a null in a non-null field, a value the scalar refuses) takes the general
path, which reports it as before.
"""

from __future__ import annotations

from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from graphql.pyutils.undefined import Undefined, UndefinedType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField


class PlainLeaf(NamedTuple):
    attribute: str
    type: GraphQLLeafType
    nullable: bool


Plans = dict[str, dict[str, PlainLeaf]]

_plans: WeakKeyDictionary[GraphQLSchema, Plans] = WeakKeyDictionary()


def plain_leaves(schema: GraphQLSchema) -> Plans:
    """Per object type, its fields that Strawberry resolves by reading an attribute
    (no resolver, extension, permission or exception handler) and that return a leaf."""
    plans = _plans.get(schema)
    if plans is None:
        plans = _plans[schema] = {
            name: fields
            for name, graphql_type in schema.type_map.items()
            if isinstance(graphql_type, GraphQLObjectType)
            and (fields := _plain_fields(graphql_type))
        }
    return plans


def _plain_fields(graphql_type: GraphQLObjectType) -> dict[str, PlainLeaf]:
    plans = {}
    for name, field in graphql_type.fields.items():
        plan = _plan(field)
        if plan is not None:
            plans[name] = plan
    return plans


def _plan(field: GraphQLField) -> PlainLeaf | None:
    definition = field.extensions.get("strawberry-definition")
    if not isinstance(definition, StrawberryField) or field.args:
        return None
    # Strawberry's own reader of basic fields: a field with a resolver, an extension or an
    # exception handler for its type gets another function.
    if getattr(field.resolve, "__name__", None) != "_get_basic_result":
        return None
    nullable = not isinstance(field.type, GraphQLNonNull)
    leaf = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    if not isinstance(leaf, GraphQLScalarType | GraphQLEnumType):
        return None
    return PlainLeaf(definition.python_name, leaf, nullable)


class ExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A field middleware (a Strawberry extension with ``resolve``) must see every field.
        middleware = self.middleware_manager is not None and self.middleware_manager.middlewares
        self._plain = {} if middleware else plain_leaves(self.schema)

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any | UndefinedType:
        fields = self._plain.get(parent_type.name)
        if fields is not None:
            plan = fields.get(field_details_list[0].node.name.value)
            if plan is not None:
                value = getattr(source, plan.attribute)
                if value is None and plan.nullable:
                    return None
                if value is not None:
                    try:
                        serialized = plan.type.serialize(value)
                    except Exception:  # the general path turns it into the field's error
                        serialized = None
                    if serialized is not None and serialized is not Undefined:
                        return serialized
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )
