"""The AI parts of one process: the gateway (Gemini, or unavailable without a key) and media."""

from __future__ import annotations

from dataclasses import dataclass

from app.ai.gateway import Gateway, UnavailableGateway
from app.ai.gemini import GeminiGateway
from app.ai.media import MediaStore, media_store
from app.settings import Settings


@dataclass
class AiRuntime:
    gateway: Gateway
    media: MediaStore

    @classmethod
    def from_settings(cls, settings: Settings) -> AiRuntime:
        gateway: Gateway = (
            GeminiGateway(settings.ai) if settings.ai.enabled else UnavailableGateway()
        )
        return cls(gateway, media_store(settings))

    async def aclose(self) -> None:
        if isinstance(self.gateway, GeminiGateway):
            await self.gateway.aclose()
