"""Query limits measured on the document: depth, aliases, directives and cost.

Depth, aliases and directives do not depend on variables, so they are checked once per
distinct document, before the specified validation rules (a document over a limit gets one
error, not one per offending node). Cost depends on ``first`` arguments, which may be
variables, so it is computed for every request just before execution.

Every walk memoises fragments, so a document whose fragments spread each other many times
costs time linear in its size, and a fragment cycle (rejected later by validation) ends.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    Visitor,
    get_named_type,
    is_composite_type,
    visit,
)

from app.settings import GraphQLSettings

LIMIT_CODE = "QUERY_LIMIT_EXCEEDED"
PAGE_ARGUMENTS = ("first", "last")
UNPAGED_LIST_SIZE = 10
"""The assumed length of an object list without a ``first`` argument."""
OBJECT_COST = 2
LEAF_COST = 1


@dataclass(frozen=True, slots=True)
class QueryLimits:
    max_query_chars: int
    max_tokens: int
    max_depth: int
    max_aliases: int
    max_directives: int
    max_field_repeats: int
    max_cost: int
    max_list_items: int

    @classmethod
    def from_settings(cls, settings: GraphQLSettings) -> QueryLimits:
        return cls(
            max_query_chars=settings.max_query_chars,
            max_tokens=settings.max_tokens,
            max_depth=settings.max_depth,
            max_aliases=settings.max_aliases,
            max_directives=settings.max_directives,
            max_field_repeats=settings.max_field_repeats,
            max_cost=settings.max_cost,
            max_list_items=settings.max_list_items,
        )


def limit_error(limit: str, maximum: int, actual: int, message: str) -> GraphQLError:
    extensions = {"code": LIMIT_CODE, "limit": limit, "max": maximum, "actual": actual}
    return GraphQLError(message, extensions=extensions)


def check_shape(document: DocumentNode, limits: QueryLimits) -> list[GraphQLError]:
    """Depth, alias and directive limits; at most one error per limit."""
    shape = _Shape(document)
    errors = []
    directives = count_directives(document)
    if directives > limits.max_directives:
        errors.append(
            limit_error(
                "directives",
                limits.max_directives,
                directives,
                f"Слишком много директив: {directives}, допустимо {limits.max_directives}",
            )
        )
    aliases = sum(shape.aliases(op.selection_set) for op in shape.operations)
    if aliases > limits.max_aliases:
        errors.append(
            limit_error(
                "aliases",
                limits.max_aliases,
                aliases,
                f"Слишком много псевдонимов: {aliases}, допустимо {limits.max_aliases}",
            )
        )
    repeats = max((shape.repeats(op.selection_set) for op in shape.operations), default=0)
    if repeats > limits.max_field_repeats:
        errors.append(
            limit_error(
                "fieldRepeats",
                limits.max_field_repeats,
                repeats,
                f"Одно поле запрошено {repeats} раз, допустимо {limits.max_field_repeats}",
            )
        )
    depth = max((shape.depth(op.selection_set) for op in shape.operations), default=0)
    if depth > limits.max_depth:
        errors.append(
            limit_error(
                "depth",
                limits.max_depth,
                depth,
                f"Слишком глубокий запрос: {depth}, допустимо {limits.max_depth}",
            )
        )
    return errors


def count_directives(document: DocumentNode) -> int:
    counter = _DirectiveCounter()
    visit(document, counter)
    return counter.count


class _DirectiveCounter(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        self.count += 1


class _Shape:
    """Depth and alias counts with fragments memoised; introspection fields are not counted."""

    def __init__(self, document: DocumentNode) -> None:
        self.operations = [
            d for d in document.definitions if isinstance(d, OperationDefinitionNode)
        ]
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self._depths: dict[str, int] = {}
        self._aliases: dict[str, int] = {}
        self._repeats: dict[str, int] = {}

    def depth(self, selection_set: SelectionSetNode | None) -> int:
        deepest = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if not selection.name.value.startswith("__"):
                    deepest = max(deepest, 1 + self.depth(selection.selection_set))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self.depth(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                deepest = max(
                    deepest, self._fragment(selection.name.value, self._depths, self.depth)
                )
        return deepest

    def aliases(self, selection_set: SelectionSetNode | None) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += (selection.alias is not None) + self.aliases(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                total += self.aliases(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value, self._aliases, self.aliases)
        return total

    def repeats(self, selection_set: SelectionSetNode | None) -> int:
        """The most times one response key occurs in a selection set (inline fragments merged).

        graphql-core compares every pair of same-named fields, so a field written a thousand
        times costs a quadratic amount of validation; a low cap keeps that small.
        """
        counts: Counter[str] = Counter()
        worst = 0
        pending = [selection_set]
        while pending:
            current = pending.pop()
            for selection in current.selections if current else ():
                if isinstance(selection, FieldNode):
                    counts[(selection.alias or selection.name).value] += 1
                    worst = max(worst, self.repeats(selection.selection_set))
                elif isinstance(selection, InlineFragmentNode):
                    pending.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    found = self._fragment(selection.name.value, self._repeats, self.repeats)
                    worst = max(worst, found)
        return max(worst, *counts.values(), 0)

    def _fragment(self, name: str, memo: dict[str, int], measure: Any) -> int:
        if name not in memo:
            memo[name] = 0  # a cycle measures as nothing; validation rejects it anyway
            fragment = self.fragments.get(name)
            memo[name] = measure(fragment.selection_set) if fragment else 0
        return memo[name]


@dataclass(frozen=True, slots=True)
class Measure:
    cost: int = 0
    list_items: int = 0
    """Objects returned as list items: the rows a response carries."""

    def __add__(self, other: Measure) -> Measure:
        return Measure(self.cost + other.cost, self.list_items + other.list_items)

    def times(self, count: int) -> Measure:
        return Measure(self.cost * count, self.list_items * count)


@dataclass
class _Cost:
    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    memo: dict[tuple[str, int | None], Measure] = field(default_factory=dict)

    def selection(
        self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType, page: int | None
    ) -> Measure:
        total = Measure()
        for node in selection_set.selections if selection_set else ():
            if isinstance(node, FieldNode):
                total += self.field(node, parent, page)
            elif isinstance(node, InlineFragmentNode):
                total += self.selection(node.selection_set, self._type(node, parent), page)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value, page)
        return total

    def fragment(self, name: str, page: int | None) -> Measure:
        key = (name, page)
        if key not in self.memo:
            self.memo[key] = Measure()
            fragment = self.fragments[name]
            parent = self._type(fragment, None)
            self.memo[key] = self.selection(fragment.selection_set, parent, page)
        return self.memo[key]

    def field(self, node: FieldNode, parent: GraphQLNamedType, page: int | None) -> Measure:
        definition = getattr(parent, "fields", {}).get(node.name.value)
        if definition is None:
            return Measure()  # introspection and __typename
        named = get_named_type(definition.type)
        own_page = self._page_argument(node, definition.args)
        composite = is_composite_type(named)
        own = Measure(cost=_weight(definition, composite))
        if not composite:
            return own
        children = self.selection(node.selection_set, named, own_page)
        if not _is_list(definition.type):
            return own + children
        items = max(1, own_page or page or UNPAGED_LIST_SIZE)
        return (own + children + Measure(list_items=1)).times(items)

    def _page_argument(self, node: FieldNode, arguments: Mapping[str, Any]) -> int | None:
        """The page size asked for, or the argument's default when it is left out."""
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        for name in PAGE_ARGUMENTS:
            value = given.get(name)
            if isinstance(value, VariableNode):
                raw = self.variables.get(value.name.value)
                return raw if isinstance(raw, int) and not isinstance(raw, bool) else None
            if isinstance(value, IntValueNode):
                return int(value.value)
            default = getattr(arguments.get(name), "default_value", None)
            if value is None and isinstance(default, int) and not isinstance(default, bool):
                return default
        return None

    def _type(
        self, node: InlineFragmentNode | FragmentDefinitionNode, parent: GraphQLNamedType | None
    ) -> GraphQLNamedType:
        if node.type_condition is None and parent is not None:
            return parent
        assert node.type_condition is not None
        found = self.schema.get_type(node.type_condition.name.value)
        return found if found is not None else GraphQLObjectType("Unknown", {})


def _is_list(output: GraphQLOutputType) -> bool:
    inner = output.of_type if isinstance(output, GraphQLNonNull) else output
    return isinstance(inner, GraphQLList)


def _weight(definition: Any, composite: bool) -> int:
    """A field's own cost: ``strawberry.field(metadata={"cost": n})``, else by kind."""
    strawberry_field = (definition.extensions or {}).get("strawberry-definition")
    declared = getattr(strawberry_field, "metadata", None) or {}
    cost = declared.get("cost")
    if isinstance(cost, int):
        return cost
    return OBJECT_COST if composite else LEAF_COST


def measure_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
) -> Measure:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    root = schema.get_root_type(operation.operation)
    if root is None:
        return Measure()
    walker = _Cost(schema, fragments, variables or {})
    return walker.selection(operation.selection_set, root, None)


def check_measure(measure: Measure, limits: QueryLimits) -> GraphQLError | None:
    if measure.cost > limits.max_cost:
        return limit_error(
            "cost",
            limits.max_cost,
            measure.cost,
            f"Слишком дорогой запрос: {measure.cost}, допустимо {limits.max_cost}",
        )
    if measure.list_items > limits.max_list_items:
        return limit_error(
            "listItems",
            limits.max_list_items,
            measure.list_items,
            f"Слишком много объектов в ответе: до {measure.list_items}, "
            f"допустимо {limits.max_list_items}",
        )
    return None
