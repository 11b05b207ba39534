# Cymuned's image: built from the locked dependencies (hashes required), run as a non-root user with a
# read-only root file system; the only writable place is the data volume /data (CYMUNED_VAR_DIR) and /tmp.
# Nothing is fetched when it runs. docs/deploy.md explains how to run it.
FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN python -m venv /venv \
    && /venv/bin/pip install --no-cache-dir --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY pyproject.toml README.md ./
COPY cymuned ./cymuned
RUN /venv/bin/pip install --no-cache-dir --no-deps --no-build-isolation -e . \
    && CYMUNED_DEV=1 CYMUNED_VAR_DIR=/tmp/var /venv/bin/python -m cymuned.translations.catalogues

FROM python:3.11-slim-bookworm
# Pango for WeasyPrint's PDF papers.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home --home-dir /data cymuned \
    && mkdir /data && chown 10001 /data
COPY --from=build /venv /venv
COPY --from=build /app /app
WORKDIR /app
ENV PATH=/venv/bin:$PATH \
    CYMUNED_VAR_DIR=/data \
    CACHE_URL=file:///data/cache \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
USER 10001
VOLUME /data
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=3)"
CMD ["gunicorn", "cymuned.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--worker-tmp-dir", "/tmp", "--forwarded-allow-ips", "*"]
