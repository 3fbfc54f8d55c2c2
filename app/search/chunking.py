"""Long texts (rules documents, long FAQ answers) are split into chunks of whole paragraphs.

A chunk is what retrieval ranks and what the model is shown, so it should hold one idea:
paragraphs are packed up to ``MAX_CHARS`` and a paragraph longer than that is cut at
sentence ends. Every chunk keeps its item's title, which carries most of the meaning.
"""

from __future__ import annotations

import re

MAX_CHARS = 450
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def chunks(body: str, max_chars: int = MAX_CHARS) -> list[str]:
    pieces = [p for part in body.split("\n\n") for p in _pieces(part.strip(), max_chars)]
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) + 2 + len(piece) <= max_chars:
            out[-1] = f"{out[-1]}\n\n{piece}"
        else:
            out.append(piece)
    return out or [""]


def _pieces(paragraph: str, max_chars: int) -> list[str]:
    if not paragraph:
        return []
    if len(paragraph) <= max_chars:
        return [paragraph]
    out: list[str] = []
    for sentence in SENTENCE_END.split(paragraph):
        if out and len(out[-1]) + 1 + len(sentence) <= max_chars:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence[:max_chars])
    return out
