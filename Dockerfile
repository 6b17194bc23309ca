# Tiến Độ — one image for the web nodes and the task workers (docs/deployment.md).
#   docker build -t tiendo .
#   docker run --env-file .env -p 8000:8000 tiendo                      # web (gunicorn)
#   docker run --env-file .env tiendo worker                             # task worker (RQ on Redis)
# Not built in this repository's CI (no container runtime there); everything it runs is tested without it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    DEBUG=0 \
    LOG_FORMAT=json \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus

WORKDIR /app
COPY requirements.lock ./
# boto3 for S3-compatible storage (django-storages); the rest exactly as locked.
RUN pip install -r requirements.lock boto3==1.44.5

COPY . .
# Static files are collected into the image and served by WhiteNoise (compressed, hashed names).
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --system --uid 10001 --home /app tiendo \
    && mkdir -p /app/var/media /tmp/prometheus && chown -R tiendo /app/var /tmp/prometheus
USER tiendo

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
ENTRYPOINT ["deploy/entrypoint.sh"]
CMD ["web"]
