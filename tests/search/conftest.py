"""The AI tests' Gemini fake, for the indexer's embeddings and the two answering flows."""

from tests.ai.conftest import ai_gql, fake, gemini

__all__ = ["ai_gql", "fake", "gemini"]
