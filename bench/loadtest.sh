#!/usr/bin/env bash
# `make loadtest`: Locust, headless, against the `make serve` stack on $HOST:$PORT (started here, and
# stopped after, when nothing answers there yet). Needs the `load_scale` dataset in DATABASE_URL.
# USERS (50), SPAWN_RATE (5/s), DURATION (3m) tune the run; the table is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
USERS=${USERS:-50}
SPAWN_RATE=${SPAWN_RATE:-5}
DURATION=${DURATION:-3m}
URL="http://$HOST:$PORT"

if [ ! -x .venv-load/bin/locust ]; then
  python3 -m venv .venv-load
  .venv-load/bin/pip install --quiet -r bench/requirements-loadtest.lock
fi

SERVER=""
if ! curl -fsS "$URL/readyz" >/dev/null 2>&1; then
  mkdir -p var/loadtest
  setsid make serve HOST="$HOST" PORT="$PORT" >var/loadtest/serve.log 2>&1 &
  SERVER=$!
  trap 'kill -TERM -- -$SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -fsS "$URL/readyz" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "$URL/readyz" >/dev/null || { echo "the server did not start: see var/loadtest/serve.log"; exit 1; }
fi

mkdir -p var/loadtest
echo "Locust: $USERS users, think time 1–3 s, $DURATION against $URL"
.venv-load/bin/locust -f bench/locustfile.py --headless --users "$USERS" --spawn-rate "$SPAWN_RATE" \
  --run-time "$DURATION" --host "$URL" --csv var/loadtest/run --only-summary --loglevel WARNING \
  >var/loadtest/locust.log 2>&1 || true
.venv/bin/python bench/loadreport.py var/loadtest/run_stats.csv
