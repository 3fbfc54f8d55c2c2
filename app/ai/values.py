"""Small models and enums several flows share."""

from __future__ import annotations

import uuid
from enum import StrEnum

from pydantic import BaseModel, Field


class AiConfidence(StrEnum):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"


class TeamRef(BaseModel):
    team_id: uuid.UUID = Field(description="Команда.")


class PlaygroundRef(BaseModel):
    playground_id: uuid.UUID = Field(description="Площадка.")


class MatchRef(BaseModel):
    match_id: uuid.UUID = Field(description="Матч.")


SHORT = 300
LONG = 2000
