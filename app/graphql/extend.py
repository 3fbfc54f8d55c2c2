"""Fields that one domain adds to another domain's GraphQL type.

The users domain owns ``User``, but a user's XP and rank belong to the economy. Rather than
have ``users`` import the economy (the wrong way round), the economy declares its fields on a
small Strawberry type of its own and ``extend_type(User, ThoseFields)`` adds them to ``User``
before the schema is built. Their resolvers receive the ``User`` object as ``root``.
"""

from __future__ import annotations

from strawberry.types.base import get_object_definition


def extend_type(target: type, extension: type) -> None:
    """Add the fields of the Strawberry type ``extension`` to ``target`` (once)."""
    definition = get_object_definition(target, strict=True)
    taken = {field.python_name for field in definition.fields}
    for field in get_object_definition(extension, strict=True).fields:
        if field.python_name in taken:
            raise ValueError(f"{definition.name}.{field.python_name} is already defined")
        definition.fields.append(field)
