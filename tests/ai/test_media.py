"""Images and speech are stored and answered as URLs that resolve to the stored bytes."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from moto.server import ThreadedMotoServer
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.media import S3MediaStore
from app.embedded_pg import free_port
from app.settings import MediaSettings
from tests.ai.fake_gemini import FakeGemini, answer_blob
from tests.factories import create_user

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
LOGO = """
mutation($input: GenerateTeamLogoInput!) {
  generateTeamLogo(input: $input) {
    __typename ... on GenerateTeamLogoPayload { output { url contentType } }
  }
}
"""
SPEECH = """
mutation($input: SynthesizeSpeechInput!) {
  synthesizeSpeech(input: $input) {
    __typename ... on SynthesizeSpeechPayload { output { url contentType } }
  }
}
"""


async def test_a_logo_url_serves_the_generated_image(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    fake.reply(answer_blob(PNG, "image/png"))

    response = await ai_gql(LOGO, {"input": {"description": "Волк в щите"}}, as_user=user)

    output = response.data["generateTeamLogo"]["output"]
    assert output["contentType"] == "image/png"
    assert output["url"].startswith("http://testserver/media/ai/generateTeamLogo/")
    assert "data:" not in output["url"]
    fetched = await ai_gql.client.get(output["url"])
    assert (fetched.status_code, fetched.content) == (200, PNG)
    assert fetched.headers["content-type"] == "image/png"
    [sent] = fake.calls()
    assert sent.body["generationConfig"]["responseModalities"] == ["IMAGE"]


async def test_speech_is_stored_as_wav(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    pcm = bytes(4800)
    fake.reply(answer_blob(pcm, "audio/L16;codec=pcm;rate=24000"))

    response = await ai_gql(SPEECH, {"input": {"text": "Гол! Какой удар!"}}, as_user=user)

    output = response.data["synthesizeSpeech"]["output"]
    assert output["contentType"] == "audio/wav"
    fetched = await ai_gql.client.get(output["url"])
    with wave.open(io.BytesIO(fetched.content)) as audio:
        assert (audio.getframerate(), audio.getnchannels(), audio.readframes(10_000)) == (
            24_000,
            1,
            pcm,
        )
    [sent] = fake.calls()
    assert sent.body["contents"][0]["parts"] == [{"text": "Гол! Какой удар!"}]


async def test_local_files_outside_the_store_are_not_served(ai_gql: Any) -> None:
    response = await ai_gql.client.get("/media/../../etc/passwd")

    assert response.status_code == 404


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


async def test_the_s3_store_answers_urls_of_the_stored_object(s3_endpoint: str) -> None:
    settings = MediaSettings(
        store="s3",
        s3_bucket="prodvor-media",
        s3_endpoint_url=s3_endpoint,
        s3_access_key_id="test",
        s3_secret_access_key=SecretStr("test"),
    )
    store = S3MediaStore(settings)
    async with store._client() as s3:
        await s3.create_bucket(Bucket="prodvor-media")

    url = await store.put("ai/generateTeamLogo/x.png", PNG, "image/png")

    async with httpx.AsyncClient() as client:
        fetched = await client.get(url)
    assert url.startswith(s3_endpoint)
    assert "X-Amz-Signature" in url
    assert (fetched.status_code, fetched.content) == (200, PNG)
    assert fetched.headers["content-type"] == "image/png"
