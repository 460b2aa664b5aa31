# Stadtwarn as a container: `docker build -t stadtwarn .` (README "Betrieb (operations)").
# The token is never part of the image: it comes at run time (`-e`, `--env-file`, a secret
# turned into the environment), like every other setting.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- builder: the package and its pinned dependencies in a virtual environment ---
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/stadtwarn
WORKDIR /src
# Only what the wheel is built from (.dockerignore lets nothing else in).
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY messages ./messages
# Every dependency has a binary wheel for CPython 3.11 on Linux: no compiler needed.
RUN /opt/stadtwarn/bin/pip install --no-compile . \
    && /opt/stadtwarn/bin/python -m compileall -q /opt/stadtwarn/lib

# --- final: the venv on a slim Python, run as a fixed non-root user ---
FROM ${PYTHON_IMAGE}
ARG UID=10001
RUN groupadd --system --gid ${UID} stadtwarn \
    && useradd --system --uid ${UID} --gid stadtwarn --no-create-home --home-dir /data \
        --shell /usr/sbin/nologin stadtwarn \
    && mkdir -p /data /app \
    && chown stadtwarn:stadtwarn /data
COPY --from=builder /opt/stadtwarn /opt/stadtwarn
ENV PATH=/opt/stadtwarn/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    STADTWARN_DB=/data/stadtwarn.sqlite3 \
    STADTWARN_HTTP=0.0.0.0:8080
# The database, its lock and write-ahead log live on the volume; a new named volume takes
# /data's owner (the stadtwarn user) from the image.
VOLUME /data
# An empty, read-only working directory: no stray .env is read from it (settings read ./.env).
WORKDIR /app
EXPOSE 8080
USER ${UID}:${UID}
# 200 from /healthz (database writable, Telegram reached); 503 or no answer fails. The port is
# read from STADTWARN_HTTP, so changing it at run time keeps the check right. No curl in slim.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; port = os.environ.get('STADTWARN_HTTP', '0.0.0.0:8080').rpartition(':')[2]; urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4)"]
# SIGTERM: a graceful stop within 5 s (exit 0); SIGHUP (`docker kill -s HUP`): the city file
# read again.
STOPSIGNAL SIGTERM
ENTRYPOINT ["stadtwarn"]
CMD ["run"]
