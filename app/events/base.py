"""Event payloads and the registry that turns envelopes back into them.

A domain declares its events in ``<domain>/events.py`` as subclasses of ``Event`` with a
``type`` such as ``team.created``, a ``version``, the Kafka ``topic`` of the domain, and the
aggregate id as ``key`` (the partition key, so one aggregate's events stay in order).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


class Event(BaseModel):
    model_config = ConfigDict(frozen=True)

    type: ClassVar[str]
    version: ClassVar[int] = 1
    topic: ClassVar[str]

    @property
    def key(self) -> str:
        """The aggregate id; events with one key are delivered in order."""
        raise NotImplementedError

    def channels(self) -> list[str]:
        """Real-time hub channels this event is delivered to (none by default)."""
        return []

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "type" in cls.__dict__:
            registry.register(cls)


class UnknownEventError(LookupError):
    pass


class EventRegistry:
    def __init__(self) -> None:
        self._types: dict[tuple[str, int], type[Event]] = {}

    def register(self, event_class: type[Event]) -> None:
        key = (event_class.type, event_class.version)
        existing = self._types.get(key)
        if existing is not None and existing is not event_class:
            raise ValueError(f"event {key} is declared twice: {existing} and {event_class}")
        self._types[key] = event_class

    def resolve(self, event_type: str, version: int) -> type[Event]:
        try:
            return self._types[(event_type, version)]
        except KeyError:
            raise UnknownEventError(f"{event_type} v{version}") from None

    def classes(self) -> list[type[Event]]:
        return list(self._types.values())

    def topics(self) -> frozenset[str]:
        return frozenset(cls.topic for cls in self._types.values())

    def realtime_topics(self) -> frozenset[str]:
        """Topics carrying at least one event type that feeds hub channels."""
        return frozenset(
            cls.topic for cls in self._types.values() if cls.channels is not Event.channels
        )


registry = EventRegistry()
