from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class CountedActivity(Base):
    """An activity counted once for a user: the same source never counts twice.

    However an event is redelivered or re-emitted (a match confirmed twice, a member who
    leaves and rejoins), rewards, quests and achievements see its activity once.
    """

    __tablename__ = "counted_activities"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    activity: Mapped[str] = mapped_column(String(60), primary_key=True)
    source: Mapped[str] = mapped_column(String(200), primary_key=True)
    quantity: Mapped[int]
    occurred_at: Mapped[datetime]
    event_id: Mapped[uuid.UUID]
    """The event it was counted from, for tracing."""
