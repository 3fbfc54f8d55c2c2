"""How many of everything a scale means (scale 1: about 20,000 users)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from app.dataset.randomness import Source
from app.dataset.reference import Reference


@dataclass(frozen=True)
class Plan:
    users: int
    teams: int
    playgrounds: int
    matches: int
    upcoming: int
    tournaments: int
    messages: int

    @classmethod
    def at(cls, scale: float) -> Plan:
        def n(base: int, least: int) -> int:
            return max(least, round(base * scale))

        return cls(
            users=n(20_000, 60),
            teams=n(2_000, 8),
            playgrounds=n(3_000, 10),
            matches=n(50_000, 60),
            upcoming=n(5_000, 10),
            tournaments=n(300, 2),
            messages=n(200_000, 200),
        )


@dataclass(frozen=True)
class City:
    name: str
    latitude: float
    longitude: float


CITIES = (
    City("Москва", 55.7558, 37.6173),
    City("Санкт-Петербург", 59.9343, 30.3351),
    City("Казань", 55.7961, 49.1064),
    City("Новосибирск", 55.0084, 82.9357),
    City("Екатеринбург", 56.8389, 60.6057),
)


@dataclass(frozen=True)
class Settings:
    """What one run is generated from; the same settings give the same rows."""

    plan: Plan
    seed: int
    now: datetime
    zone: ZoneInfo
    reference: Reference


@dataclass
class Run:
    settings: Settings
    source: Source

    @property
    def plan(self) -> Plan:
        return self.settings.plan

    @property
    def now(self) -> datetime:
        return self.settings.now
