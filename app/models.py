"""Every domain's models, imported so that mappers configure and Alembic sees all tables."""

from app.users.models import User

__all__ = ["User"]
