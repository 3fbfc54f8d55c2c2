"""A loopback fake of the Gemini REST API (v1beta), driven through the real google-genai SDK.

It answers ``generateContent``, ``streamGenerateContent`` (SSE), ``embedContent`` and
``batchEmbedContents``, records every request (path, headers, body), and answers what the
test queued with ``reply(...)``; with nothing queued it answers the text ``"ok"``. A queued
error echoes the API key it received in its message, the worst an upstream could do.
"""

from __future__ import annotations

import base64
import json
import math
import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

USAGE = {"promptTokenCount": 100, "candidatesTokenCount": 20, "totalTokenCount": 120}


@dataclass
class Recorded:
    method: str
    model: str
    url: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def text(self) -> str:
        return json.dumps(self.body, ensure_ascii=False)


def text_part(text: str) -> dict[str, Any]:
    return {"text": text}


def candidate(*parts: dict[str, Any], finish: str = "STOP") -> dict[str, Any]:
    return {"content": {"role": "model", "parts": list(parts)}, "finishReason": finish, "index": 0}


@dataclass
class Reply:
    status: int = 200
    body: dict[str, Any] = field(default_factory=dict)
    chunks: list[dict[str, Any]] = field(default_factory=list)


def answer_json(value: Any) -> Reply:
    return answer_text(json.dumps(value, ensure_ascii=False))


def answer_text(text: str) -> Reply:
    return Reply(body={"candidates": [candidate(text_part(text))], "usageMetadata": USAGE})


def answer_call(name: str, args: dict[str, Any]) -> Reply:
    part = {"functionCall": {"name": name, "args": args}}
    return Reply(body={"candidates": [candidate(part)], "usageMetadata": USAGE})


def answer_blob(data: bytes, mime: str) -> Reply:
    part = {"inlineData": {"mimeType": mime, "data": base64.b64encode(data).decode()}}
    return Reply(body={"candidates": [candidate(part)], "usageMetadata": USAGE})


def answer_stream(*texts: str) -> Reply:
    chunks: list[dict[str, Any]] = [{"candidates": [candidate(text_part(t))]} for t in texts]
    chunks[-1]["usageMetadata"] = USAGE
    return Reply(chunks=chunks)


def failure(status: int) -> Reply:
    return Reply(status=status)


class FakeGemini:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: list[Reply] = []

    def reply(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def app(self) -> Starlette:
        return Starlette(
            routes=[Route("/{version}/models/{rest:path}", self._handle, methods=["POST"])]
        )

    def calls(self, method: str = "generateContent") -> list[Recorded]:
        return [r for r in self.requests if r.method == method]

    async def _handle(self, request: Request) -> Response:
        model, _, method = request.path_params["rest"].partition(":")
        body = json.loads(await request.body() or b"{}")
        self.requests.append(Recorded(method, model, str(request.url), dict(request.headers), body))
        if method in ("embedContent", "batchEmbedContents"):
            return JSONResponse(_embeddings(method, body))
        reply = self.replies.pop(0) if self.replies else answer_text("ok")
        if reply.status != 200:
            return _error(reply.status, request.headers.get("x-goog-api-key", ""))
        if method == "streamGenerateContent":
            return StreamingResponse(_sse(reply), media_type="text/event-stream")
        return JSONResponse(reply.body)


def _sse(reply: Reply) -> Any:
    async def events() -> Any:
        chunks = reply.chunks or [reply.body]
        for chunk in chunks:
            yield f"data: {json.dumps(chunk, ensure_ascii=False)}\r\n\r\n"

    return events()


def _error(status: int, key: str) -> JSONResponse:
    message = f"API key {key} was refused for this request"
    body = {"error": {"code": status, "message": message, "status": "FAILED_PRECONDITION"}}
    return JSONResponse(body, status_code=status)


def _embeddings(method: str, body: dict[str, Any]) -> dict[str, Any]:
    requests = body.get("requests", [body])
    vectors = [
        {"values": _vector("".join(p.get("text", "") for p in r["content"]["parts"]), r)}
        for r in requests
    ]
    return {"embeddings": vectors} if method == "batchEmbedContents" else {"embedding": vectors[0]}


def _vector(text: str, request: dict[str, Any]) -> list[float]:
    """Without ``outputDimensionality``: three numbers. With it: a hashed bag of word stems
    (their first five letters), so texts sharing words are close, as a real model's would be."""
    size = request.get("outputDimensionality")
    if size is None:
        return [float(len(text)), 1.0, 0.5]
    vector = [0.0] * int(size)
    for word in re.findall(r"\w+", text.lower()):
        vector[zlib.crc32(word[:5].encode()) % len(vector)] += 1.0
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return [x / norm for x in vector] if any(vector) else [1.0] + [0.0] * (len(vector) - 1)
