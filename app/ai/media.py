"""Where generated images and audio are kept: behind ``MediaStore``, returned as URLs.

``LocalMediaStore`` writes files under ``<DATA_DIR>/media`` and ``/media/...`` serves them (the
embedded default); ``S3MediaStore`` puts objects into an S3-compatible bucket with aioboto3 and
answers a public URL (``MEDIA_PUBLIC_URL``) or a presigned one.
"""

from __future__ import annotations

import asyncio
import mimetypes
import uuid
from pathlib import Path
from typing import Any, Protocol

import aioboto3
from aiobotocore.config import AioConfig
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from app.settings import MediaSettings, Settings

EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp", "audio/wav": ".wav"}


class MediaStore(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> str:
        """Store the bytes under ``key``; return the URL clients fetch them from."""
        ...


def new_key(prefix: str, content_type: str) -> str:
    extension = EXTENSIONS.get(content_type) or mimetypes.guess_extension(content_type) or ".bin"
    return f"{prefix}/{uuid.uuid4().hex}{extension}"


class LocalMediaStore:
    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.base_url = base_url.rstrip("/")

    async def put(self, key: str, data: bytes, content_type: str) -> str:
        path = self.root / key
        await asyncio.to_thread(_write, path, data)
        return f"{self.base_url}/{key}"

    def path_of(self, key: str) -> Path | None:
        """The file of ``key``, or ``None`` when it is missing or outside the store."""
        root = self.root.resolve()
        path = (root / key).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None
        return path

    def routes(self) -> list[Route]:
        async def serve(request: Request) -> Response:
            path = self.path_of(request.path_params["key"])
            if path is None:
                return Response(status_code=404)
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            headers = {"Cache-Control": "public, max-age=31536000, immutable"}
            return FileResponse(path, media_type=media_type, headers=headers)

        return [Route("/media/{key:path}", serve, methods=["GET", "HEAD"])]


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".part")
    temporary.write_bytes(data)
    temporary.replace(path)


class S3MediaStore:
    def __init__(self, settings: MediaSettings) -> None:
        self.settings = settings
        self.session = aioboto3.Session(
            aws_access_key_id=settings.s3_access_key_id,
            aws_secret_access_key=settings.s3_secret_access_key.get_secret_value() or None,
            region_name=settings.s3_region,
        )

    async def put(self, key: str, data: bytes, content_type: str) -> str:
        async with self._client() as s3:
            await s3.put_object(
                Bucket=self.settings.s3_bucket, Key=key, Body=data, ContentType=content_type
            )
            if self.settings.public_url:
                return f"{self.settings.public_url.rstrip('/')}/{key}"
            url: str = await s3.generate_presigned_url(
                "get_object",
                Params={"Bucket": self.settings.s3_bucket, "Key": key},
                ExpiresIn=self.settings.url_ttl_s,
            )
            return url

    def _client(self) -> Any:
        return self.session.client(
            "s3",
            endpoint_url=self.settings.s3_endpoint_url,
            config=AioConfig(signature_version="s3v4"),
        )


def media_store(settings: Settings) -> MediaStore:
    media = settings.media
    if media.store == "s3":
        return S3MediaStore(media)
    if media.store != "local":
        raise RuntimeError(f"MEDIA_STORE must be local or s3, not {media.store!r}")
    base = media.public_url or f"{settings.auth.public_url.rstrip('/')}/media"
    return LocalMediaStore(media.dir or settings.data_dir / "media", base)
