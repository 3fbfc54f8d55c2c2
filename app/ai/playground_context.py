"""What playground flows know about a playground, read as the caller."""

from __future__ import annotations

import uuid
from typing import Any

from app.ai.registry import FlowCall
from app.errors import NotFoundError
from app.playgrounds import service as playgrounds


async def playground_context(call: FlowCall, playground_id: uuid.UUID) -> dict[str, Any]:
    playground = await playgrounds.get_playground(call.session, call.principal(), playground_id)
    if playground is None:
        raise NotFoundError()
    return {
        "name": playground.name,
        "city": playground.city,
        "address": playground.address,
        "type": playground.type.value,
        "surface": playground.surface.value,
        "features": list(playground.features),
        "rating": playground.rating,
        "review_count": playground.review_count,
        "check_in_count": playground.check_in_count,
    }
