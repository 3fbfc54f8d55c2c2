from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Interval, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class RateLimitBucket(Base):
    """One GCRA bucket: the theoretical arrival time of the next request of one subject.

    A bucket whose ``tat`` is in the past is as good as absent, so purging old rows is only
    housekeeping (``service.purge``).
    """

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    tat: Mapped[datetime] = mapped_column(index=True)
    period: Mapped[timedelta] = mapped_column(Interval)
    """The policy's period, which is also how far ahead of now ``tat`` may run."""
