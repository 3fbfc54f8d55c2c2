"""The real gateway: Gemini through the google-genai SDK, on the server only.

The key goes into the SDK client and from there only into the ``x-goog-api-key`` header of
outgoing requests. Upstream exceptions are turned into ``AiFailedError`` without chaining, so
neither their text nor their request objects reach responses or logs. The SDK retries 408, 429
and 5xx answers with exponential backoff (``HttpRetryOptions``); each attempt has a timeout and
each call a deadline.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import wave
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx
import structlog
from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import ValidationError

from app.ai.errors import AiFailedError, FailureReason
from app.ai.gateway import M, Media, PromptRequest, StreamPart, Structured, Text, ToolSpec, Usage
from app.settings import AiSettings

log = structlog.get_logger(__name__)

RETRY_STATUSES = [408, 429, 500, 502, 503, 504]
HARM_CATEGORIES = [
    types.HarmCategory.HARM_CATEGORY_HARASSMENT,
    types.HarmCategory.HARM_CATEGORY_HATE_SPEECH,
    types.HarmCategory.HARM_CATEGORY_SEXUALLY_EXPLICIT,
    types.HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT,
]
BLOCKED_FINISH = {
    types.FinishReason.SAFETY,
    types.FinishReason.PROHIBITED_CONTENT,
    types.FinishReason.BLOCKLIST,
    types.FinishReason.SPII,
    types.FinishReason.IMAGE_SAFETY,
}
REPAIR = (
    "Твой ответ не прошёл проверку по JSON-схеме: {errors}. "
    "Ответь ещё раз: только JSON, строго по схеме."
)
PCM_RATE = re.compile(r"rate=(\d+)")


class GeminiGateway:
    def __init__(self, settings: AiSettings) -> None:
        self.settings = settings
        retry = types.HttpRetryOptions(
            attempts=max(1, settings.retry_attempts),
            initial_delay=settings.retry_initial_delay_s,
            max_delay=settings.retry_max_delay_s,
            http_status_codes=RETRY_STATUSES,
        )
        options = types.HttpOptions(
            base_url=settings.base_url,
            timeout=int(settings.timeout_s * 1000),
            retry_options=retry,
        )
        self._client = genai.Client(
            api_key=settings.api_key.get_secret_value(), http_options=options
        )
        _redact_sdk_logs(settings.api_key.get_secret_value())
        threshold = types.HarmBlockThreshold(settings.block_threshold)
        self._safety = [
            types.SafetySetting(category=c, threshold=threshold) for c in HARM_CATEGORIES
        ]

    @property
    def available(self) -> bool:
        return True

    async def aclose(self) -> None:
        await self._client.aio.aclose()

    async def generate(self, request: PromptRequest) -> Text:
        response, usage = await self._converse(
            request, [_user(request.user)], self._config(request)
        )
        return Text(response.text or "", usage)

    async def generate_structured(self, request: PromptRequest, output: type[M]) -> Structured[M]:
        config = self._config(
            request,
            response_mime_type="application/json",
            response_json_schema=output.model_json_schema(),
        )
        contents = [_user(request.user)]
        response, usage = await self._converse(request, contents, config)
        try:
            return Structured(output.model_validate_json(response.text or ""), usage)
        except ValidationError as invalid:
            contents += [_answer(response), _user(REPAIR.format(errors=_brief(invalid)))]
        response, more = await self._converse(request, contents, config)
        usage += more
        try:
            return Structured(output.model_validate_json(response.text or ""), usage)
        except ValidationError:
            raise AiFailedError(
                FailureReason.INVALID_OUTPUT, tokens_in=usage.tokens_in, tokens_out=usage.tokens_out
            ) from None

    async def stream(self, request: PromptRequest) -> AsyncIterator[StreamPart]:
        """The text as it comes; tool calls the model asks for are run between streams."""
        tools = {tool.name: tool for tool in request.tools}
        contents, config, usage = [_user(request.user)], self._config(request), Usage()
        try:
            for _ in range(self.settings.max_tool_rounds + 1):
                calls: list[types.FunctionCall] = []
                async for part in self._stream_once(request.model, contents, config, calls):
                    if part.usage is None:
                        yield part
                    else:
                        usage += part.usage
                if not calls:
                    yield StreamPart("", usage)
                    return
                asked = types.Content(
                    role="model", parts=[types.Part(function_call=c) for c in calls]
                )
                contents += [asked, await _call_tools(tools, calls)]
        except (genai_errors.APIError, httpx.HTTPError, TimeoutError) as exc:
            raise _failure(exc) from None
        raise AiFailedError(
            FailureReason.INVALID_OUTPUT, tokens_in=usage.tokens_in, tokens_out=usage.tokens_out
        )

    async def _stream_once(
        self,
        model: str,
        contents: list[types.Content],
        config: types.GenerateContentConfig,
        calls: list[types.FunctionCall],
    ) -> AsyncIterator[StreamPart]:
        """One streamed answer: its text parts, then its usage; tool calls go into ``calls``."""
        usage = Usage()
        chunks = await self._client.aio.models.generate_content_stream(
            model=model, contents=contents, config=config
        )
        async for chunk in chunks:
            _ensure_not_blocked(chunk)
            usage = _usage(chunk) if chunk.usage_metadata else usage
            found = chunk.function_calls or []
            calls.extend(found)
            if not found and chunk.text:
                yield StreamPart(chunk.text)
        yield StreamPart("", usage)

    async def generate_image(self, request: PromptRequest) -> Media:
        config = self._config(request, response_modalities=["IMAGE"])
        response = await self._send(request.model, [_user(request.user)], config)
        data, mime = _inline(response)
        return Media(data, mime, _usage(response))

    async def synthesize_speech(self, request: PromptRequest, *, voice: str) -> Media:
        """The text is spoken as it is: a speech model reads, it does not follow instructions."""
        voice_config = types.VoiceConfig(
            prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=voice)
        )
        config = types.GenerateContentConfig(
            response_modalities=["AUDIO"],
            speech_config=types.SpeechConfig(voice_config=voice_config),
            safety_settings=self._safety,
        )
        response = await self._send(request.model, [_user(request.user)], config)
        data, mime = _inline(response)
        return Media(_wav(data, mime), "audio/wav", _usage(response))

    async def embed(
        self,
        texts: Sequence[str],
        *,
        model: str,
        dimensions: int | None = None,
        task: str | None = None,
    ) -> list[list[float]]:
        """``task`` is Gemini's ``task_type`` (``RETRIEVAL_DOCUMENT``, ``RETRIEVAL_QUERY``)."""
        config = types.EmbedContentConfig(output_dimensionality=dimensions, task_type=task)
        try:
            async with asyncio.timeout(self.settings.deadline_s):
                response = await self._client.aio.models.embed_content(
                    model=model, contents=list(texts), config=config
                )
        except (genai_errors.APIError, httpx.HTTPError, TimeoutError) as exc:
            raise _failure(exc) from None
        return [list(embedding.values or []) for embedding in response.embeddings or []]

    def _config(self, request: PromptRequest, **extra: Any) -> types.GenerateContentConfig:
        tools = [_declaration(tool) for tool in request.tools]
        return types.GenerateContentConfig(
            system_instruction=request.system,
            safety_settings=self._safety,
            tools=[types.Tool(function_declarations=tools)] if tools else None,
            automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
            **extra,
        )

    async def _converse(
        self,
        request: PromptRequest,
        contents: list[types.Content],
        config: types.GenerateContentConfig,
    ) -> tuple[types.GenerateContentResponse, Usage]:
        """One answer, after the tool calls the model asks for (at most ``max_tool_rounds``)."""
        tools = {tool.name: tool for tool in request.tools}
        usage = Usage()
        for _ in range(self.settings.max_tool_rounds + 1):
            response = await self._send(request.model, contents, config)
            usage += _usage(response)
            calls = response.function_calls or []
            if not calls:
                return response, usage
            contents += [_answer(response), await _call_tools(tools, calls)]
        raise AiFailedError(
            FailureReason.INVALID_OUTPUT, tokens_in=usage.tokens_in, tokens_out=usage.tokens_out
        )

    async def _send(
        self, model: str, contents: list[types.Content], config: types.GenerateContentConfig
    ) -> types.GenerateContentResponse:
        try:
            async with asyncio.timeout(self.settings.deadline_s):
                response = await self._client.aio.models.generate_content(
                    model=model, contents=contents, config=config
                )
        except (genai_errors.APIError, httpx.HTTPError, TimeoutError) as exc:
            raise _failure(exc) from None
        _ensure_not_blocked(response)
        return response


class _Redact(logging.Filter):
    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, "[redacted]"), ()
        return True


def _redact_sdk_logs(secret: str) -> None:
    """The SDK logs upstream error bodies when it retries; an upstream may echo the key."""
    for name in ("google_genai._api_client", "google_genai._common", "google_genai.models"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _Redact) and f.secret == secret for f in logger.filters):
            logger.addFilter(_Redact(secret))


def _user(text: str) -> types.Content:
    return types.Content(role="user", parts=[types.Part.from_text(text=text)])


def _answer(response: types.GenerateContentResponse) -> types.Content:
    candidates = response.candidates or []
    content = candidates[0].content if candidates else None
    return content or types.Content(role="model", parts=[types.Part.from_text(text="")])


async def _call_tools(tools: dict[str, ToolSpec], calls: list[types.FunctionCall]) -> types.Content:
    parts = []
    for call in calls:
        tool = tools.get(call.name or "")
        result = await tool.invoke(dict(call.args or {})) if tool else {"error": "UNKNOWN_TOOL"}
        parts.append(types.Part.from_function_response(name=call.name or "", response=result))
    return types.Content(role="user", parts=parts)


def _declaration(tool: ToolSpec) -> types.FunctionDeclaration:
    return types.FunctionDeclaration(
        name=tool.name, description=tool.description, parameters_json_schema=tool.parameters
    )


def _usage(response: types.GenerateContentResponse) -> Usage:
    meta = response.usage_metadata
    if meta is None:
        return Usage()
    out = (meta.candidates_token_count or 0) + (meta.thoughts_token_count or 0)
    return Usage(meta.prompt_token_count or 0, out)


def _ensure_not_blocked(response: types.GenerateContentResponse) -> None:
    feedback = response.prompt_feedback
    if feedback is not None and feedback.block_reason is not None:
        raise AiFailedError(FailureReason.BLOCKED)
    for candidate in response.candidates or []:
        if candidate.finish_reason in BLOCKED_FINISH:
            raise AiFailedError(FailureReason.BLOCKED)


def _inline(response: types.GenerateContentResponse) -> tuple[bytes, str]:
    for candidate in response.candidates or []:
        for part in (candidate.content.parts if candidate.content else None) or []:
            blob = part.inline_data
            if blob is not None and blob.data:
                return blob.data, blob.mime_type or "application/octet-stream"
    raise AiFailedError(FailureReason.INVALID_OUTPUT)


def _wav(data: bytes, mime: str) -> bytes:
    """Speech models answer raw 16-bit mono PCM (``audio/L16;rate=24000``): wrap it in WAV."""
    if not mime.lower().startswith("audio/l16"):
        return data
    found = PCM_RATE.search(mime)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(int(found.group(1)) if found else 24_000)
        out.writeframes(data)
    return buffer.getvalue()


def _brief(error: ValidationError) -> str:
    issues = [f"{'.'.join(map(str, e['loc'])) or '$'}: {e['msg']}" for e in error.errors()[:5]]
    return "; ".join(issues)


def _failure(exc: BaseException) -> AiFailedError:
    if isinstance(exc, genai_errors.APIError):
        log.warning("ai.upstream_error", status=exc.code)
        if exc.code == 429:
            return AiFailedError(FailureReason.UPSTREAM_BUSY)
        if exc.code in (408, 504):
            return AiFailedError(FailureReason.TIMEOUT)
        if exc.code >= 500:
            return AiFailedError(FailureReason.UPSTREAM_ERROR)
        return AiFailedError(FailureReason.UPSTREAM_REJECTED)
    log.warning("ai.upstream_unreachable", error=type(exc).__name__)
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return AiFailedError(FailureReason.TIMEOUT)
    return AiFailedError(FailureReason.UPSTREAM_ERROR)
