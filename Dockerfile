# ProDvor BFF: one image, every role (`prodvor serve|relay|worker NAME|migrate`).
# Build:  docker build -t prodvor/bff:$(git rev-parse --short HEAD) .

FROM python:3.11.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# Dependencies first, so code changes reuse this layer.
COPY pyproject.toml README.md ./
RUN mkdir app && touch app/__init__.py \
    && pip install --no-cache-dir . \
    && pip uninstall --yes prodvor
COPY app ./app
COPY migrations ./migrations
COPY alembic.ini ./
# Editable: the code stays at /app, where alembic.ini and migrations/ are found beside it.
RUN pip install --no-cache-dir --no-deps --editable . \
    && python -m compileall -q app migrations

FROM python:3.11.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    APP_ENV=prod \
    DATA_DIR=/app/.data
RUN groupadd --system --gid 10001 prodvor \
    && useradd --system --uid 10001 --gid prodvor --home-dir /app --shell /usr/sbin/nologin prodvor
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=root:root /app /app
WORKDIR /app
RUN mkdir -p /app/.data && chown prodvor:prodvor /app/.data
USER 10001:10001
EXPOSE 8000 9100
# The API's liveness; relay and worker containers are watched through their metrics port.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
ENTRYPOINT ["prodvor"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
