"""Playgrounds around the five cities' centres, their sports and reviews."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from app.dataset.people import People
from app.dataset.plan import CITIES, Run
from app.dataset.tables import Dataset
from app.playgrounds.models import PlaygroundStatus
from app.playgrounds.values import PlaygroundType, Surface

STREETS = ("Ленина", "Гагарина", "Мира", "Садовая", "Школьная", "Лесная", "Советская", "Новая")
KINDS = (PlaygroundType.FOOTBALL, PlaygroundType.BASKETBALL, PlaygroundType.STREETBALL)
SURFACES = (Surface.ASPHALT, Surface.RUBBER, Surface.ARTIFICIAL_TURF, Surface.NATURAL_TURF)


@dataclass
class Place:
    id: uuid.UUID
    city: str
    approved: bool


def add_places(run: Run, data: Dataset, people: People) -> dict[str, list[Place]]:
    """Approved playgrounds by city (about one in twenty waits for moderation)."""
    r = run.source
    rows = data.table(
        "playgrounds",
        *("id", "name", "address", "city", "latitude", "longitude", "type", "surface"),
        *("features", "photo_urls", "status", "proposed_by_id", "moderated_at"),
        *("review_count", "rating_sum", "created_at", "updated_at"),
    )
    sports = data.table("playground_sports", "playground_id", "sport_id")
    reviews = data.table(
        "playground_reviews",
        *("id", "playground_id", "author_id", "rating", "comment", "created_at", "updated_at"),
    )
    team_sports = run.settings.reference.sports
    by_city: dict[str, list[Place]] = defaultdict(list)
    for number in range(run.plan.playgrounds):
        city = CITIES[number % len(CITIES)]
        place = Place(r.uuid(), city.name, not r.chance(0.05))
        created = r.moment(run.now - timedelta(days=500), run.now - timedelta(days=420))
        authors = r.sample(people.everyone, r.between(0, 4))
        ratings = [r.between(2, 5) for _ in authors]
        status = PlaygroundStatus.APPROVED if place.approved else PlaygroundStatus.PENDING
        rows.add(
            place.id,
            f"Площадка {number}",
            f"{city.name}, ул. {r.pick(STREETS)}, д. {r.between(1, 120)}",
            city.name,
            city.latitude + r.offset(0.15),
            city.longitude + r.offset(0.25),
            r.pick(KINDS).value,
            r.pick(SURFACES).value,
            ["LIGHTING"] if r.chance(0.4) else [],
            [],
            status.value,
            r.pick(people.everyone).id,
            created + timedelta(days=1) if place.approved else None,
            len(ratings) if place.approved else 0,
            sum(ratings) if place.approved else 0,
            created,
            created,
        )
        for sport in r.sample(team_sports, 2):
            sports.add(place.id, sport.id)
        if place.approved:
            for author, rating in zip(authors, ratings, strict=True):
                at = created + timedelta(days=r.between(2, 300))
                reviews.add(r.uuid(), place.id, author.id, rating, "Хорошее покрытие", at, at)
            by_city[city.name].append(place)
    return by_city
