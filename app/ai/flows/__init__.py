"""One module per flow; each calls ``app.ai.registry.register``."""
