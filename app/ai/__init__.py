"""AI helpers: Gemini flows behind typed GraphQL operations (see ``registry.py``)."""
