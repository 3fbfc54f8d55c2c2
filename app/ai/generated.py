"""GraphQL types generated from the flows' pydantic models.

Outputs become object types named after the model; inputs become ``<Operation>Input``. Field
descriptions come from ``Field(description=...)``, ``uuid.UUID`` becomes ``ID``, ``datetime``
becomes ``DateTime``, a ``StrEnum`` becomes a GraphQL enum of its name, nested models nest.
Values cross with ``to_graphql`` and ``from_graphql``; the pydantic model validates the input
(its errors become ``ValidationFailed``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
import uuid
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from pydantic import BaseModel
from pydantic.fields import FieldInfo

_ENUMS: dict[type[Enum], Any] = {}
_OUTPUTS: dict[type[BaseModel], type] = {}
_SCALARS: dict[Any, Any] = {
    str: str,
    int: int,
    float: float,
    bool: bool,
    datetime: datetime,
    uuid.UUID: strawberry.ID,
}


def output_type(model: type[BaseModel]) -> type:
    if model not in _OUTPUTS:
        _OUTPUTS[model] = _build(model.__name__, model, input_of=None)
    return _OUTPUTS[model]


def input_type(name: str, model: type[BaseModel]) -> type:
    return _build(name, model, input_of=name)


def to_graphql(value: Any) -> Any:
    if isinstance(value, BaseModel):
        cls = output_type(type(value))
        return cls(**{name: to_graphql(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [to_graphql(item) for item in value]
    if isinstance(value, uuid.UUID):
        return strawberry.ID(str(value))
    return value


def from_graphql(value: Any) -> Any:
    """A plain structure for pydantic: unset optional fields are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
        return {name: from_graphql(item) for name, item in fields if item is not strawberry.UNSET}
    if isinstance(value, list):
        return [from_graphql(item) for item in value]
    return value


def _build(name: str, model: type[BaseModel], *, input_of: str | None) -> type:
    namespace: dict[str, Any] = {"__annotations__": {}}
    for field_name, info in model.model_fields.items():
        annotation = _convert(info.annotation, input_of=input_of, owner=field_name)
        namespace["__annotations__"][field_name] = annotation
        namespace[field_name] = _field(info, input_of is not None)
    cls = type(name, (), namespace)
    description = (model.__doc__ or "").strip().split("\n\n")[0] or None
    if input_of is not None:
        return strawberry.input(cls, description=description)
    return strawberry.type(cls, description=description)


def _field(info: FieldInfo, is_input: bool) -> Any:
    if is_input and not info.is_required():
        default = info.get_default(call_default_factory=True)
        return strawberry.field(
            default=strawberry.UNSET if default is None else default, description=info.description
        )
    return strawberry.field(description=info.description)


def _convert(annotation: Any, *, input_of: str | None, owner: str) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        [member] = members
        return _convert(member, input_of=input_of, owner=owner) | None
    if origin is list:
        [item] = typing.get_args(annotation)
        return list[_convert(item, input_of=input_of, owner=owner)]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _enum(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if input_of is None:
            return output_type(annotation)
        return input_type(f"{input_of}{owner[:1].upper()}{owner[1:]}", annotation)
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"no GraphQL type for {annotation!r}")


def _enum(enum: type[Enum]) -> Any:
    if hasattr(enum, "__strawberry_definition__"):
        return enum
    if enum not in _ENUMS:
        _ENUMS[enum] = strawberry.enum(enum, name=enum.__name__)
    return _ENUMS[enum]
