"""Reference values of playgrounds (inventory sections 1.2 "Playground" and 2.9).

The values are the old create form's, as stable English keys; ``LABELS`` holds the Russian
wording the frontend shows.
"""

from __future__ import annotations

from enum import StrEnum


class PlaygroundType(StrEnum):
    FOOTBALL = "FOOTBALL"
    BASKETBALL = "BASKETBALL"
    STREETBALL = "STREETBALL"
    WORKOUT = "WORKOUT"
    FITNESS_GYM = "FITNESS_GYM"
    SWIMMING_POOL = "SWIMMING_POOL"
    TENNIS_COURT = "TENNIS_COURT"
    SKI_TRACK = "SKI_TRACK"
    BIATHLON_COMPLEX = "BIATHLON_COMPLEX"
    ICE_RINK = "ICE_RINK"
    SNOW_PARK = "SNOW_PARK"
    SKI_SLOPE = "SKI_SLOPE"
    SHOOTING_RANGE = "SHOOTING_RANGE"
    MULTI_SPORT = "MULTI_SPORT"


class Surface(StrEnum):
    ASPHALT = "ASPHALT"
    RUBBER = "RUBBER"
    ARTIFICIAL_TURF = "ARTIFICIAL_TURF"
    NATURAL_TURF = "NATURAL_TURF"
    DIRT = "DIRT"
    SAND = "SAND"
    PARQUET = "PARQUET"
    WATER = "WATER"
    SNOW = "SNOW"
    ICE = "ICE"


class Feature(StrEnum):
    LIGHTING = "LIGHTING"
    FENCE = "FENCE"
    BENCHES = "BENCHES"
    CHANGING_ROOM = "CHANGING_ROOM"
    WATER_SOURCE = "WATER_SOURCE"
    GOALS = "GOALS"
    BASKETBALL_HOOPS = "BASKETBALL_HOOPS"
    VOLLEYBALL_NET = "VOLLEYBALL_NET"
    PULL_UP_BARS = "PULL_UP_BARS"
    STRENGTH_EQUIPMENT = "STRENGTH_EQUIPMENT"
    CARDIO_ZONE = "CARDIO_ZONE"
    SKI_LIFT = "SKI_LIFT"
    EQUIPMENT_RENTAL = "EQUIPMENT_RENTAL"
    TARGETS = "TARGETS"


class ConditionCategory(StrEnum):
    BROKEN_EQUIPMENT = "BROKEN_EQUIPMENT"
    SURFACE_DAMAGE = "SURFACE_DAMAGE"
    LITTER = "LITTER"
    NO_LIGHTING = "NO_LIGHTING"
    OTHER = "OTHER"


class Severity(StrEnum):
    """How urgent a condition report is; set by the AI triage, not by the reporter."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


LABELS: dict[StrEnum, str] = {
    PlaygroundType.FOOTBALL: "Футбол",
    PlaygroundType.BASKETBALL: "Баскетбол",
    PlaygroundType.STREETBALL: "Стритбол",
    PlaygroundType.WORKOUT: "Воркаут",
    PlaygroundType.FITNESS_GYM: "Фитнес-зал",
    PlaygroundType.SWIMMING_POOL: "Бассейн",
    PlaygroundType.TENNIS_COURT: "Теннисный корт",
    PlaygroundType.SKI_TRACK: "Лыжная трасса",
    PlaygroundType.BIATHLON_COMPLEX: "Биатлонный комплекс",
    PlaygroundType.ICE_RINK: "Каток",
    PlaygroundType.SNOW_PARK: "Сноуборд-парк",
    PlaygroundType.SKI_SLOPE: "Горнолыжный склон",
    PlaygroundType.SHOOTING_RANGE: "Стрельбище",
    PlaygroundType.MULTI_SPORT: "Универсальная",
    Surface.ASPHALT: "Асфальт",
    Surface.RUBBER: "Резина",
    Surface.ARTIFICIAL_TURF: "Искусственный газон",
    Surface.NATURAL_TURF: "Профессиональный газон",
    Surface.DIRT: "Грунт",
    Surface.SAND: "Песок",
    Surface.PARQUET: "Паркет",
    Surface.WATER: "Вода",
    Surface.SNOW: "Снег",
    Surface.ICE: "Лёд",
    Feature.LIGHTING: "Освещение",
    Feature.FENCE: "Ограждение",
    Feature.BENCHES: "Скамейки",
    Feature.CHANGING_ROOM: "Раздевалка с душем",
    Feature.WATER_SOURCE: "Источник воды",
    Feature.GOALS: "Ворота",
    Feature.BASKETBALL_HOOPS: "Кольца (баскетбол)",
    Feature.VOLLEYBALL_NET: "Сетка (волейбол)",
    Feature.PULL_UP_BARS: "Турники",
    Feature.STRENGTH_EQUIPMENT: "Силовые тренажёры",
    Feature.CARDIO_ZONE: "Кардио-зона",
    Feature.SKI_LIFT: "Подъёмник",
    Feature.EQUIPMENT_RENTAL: "Прокат инвентаря",
    Feature.TARGETS: "Мишени",
    ConditionCategory.BROKEN_EQUIPMENT: "Сломанное оборудование (кольцо, ворота)",
    ConditionCategory.SURFACE_DAMAGE: "Повреждённое покрытие (трещины, ямы)",
    ConditionCategory.LITTER: "Мусор или грязь",
    ConditionCategory.NO_LIGHTING: "Отсутствие освещения",
    ConditionCategory.OTHER: "Другое",
    Severity.LOW: "Низкая",
    Severity.MEDIUM: "Средняя",
    Severity.HIGH: "Высокая",
}


def describe(enum: type[StrEnum], title: str) -> str:
    """A GraphQL enum description that lists the Russian label of every value."""
    values = "; ".join(f"{member.value} — {LABELS[member]}" for member in enum)
    return f"{title}: {values}."
