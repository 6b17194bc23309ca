#!/usr/bin/env bash
# `make loadtest`: Locust, headless, against the `make serve` stack on $HOST:$PORT (started here, and
# stopped after, when nothing answers there yet). Needs the `load_scale` dataset in DATABASE_URL.
# USERS (50), SPAWN_RATE (1/s), DURATION (4m, ramp included) tune the run; the table is printed at the end.
# The statistics are reset once every user runs (--reset-stats): they measure the steady state, not the
# ramp-up, whose 50 logins (password hashing, 0.3–1 s of CPU each) are spread over its 50 seconds.
# The server started here does not ask the focal point's second factor (MFA_REQUIRED_ROLES empty): a load
# test measures pages, not TOTP enrolment. A server already running must be started the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
USERS=${USERS:-50}
SPAWN_RATE=${SPAWN_RATE:-1}
DURATION=${DURATION:-4m}
URL="http://$HOST:$PORT"

if [ ! -x .venv-load/bin/locust ]; then
  python3 -m venv .venv-load
  .venv-load/bin/pip install --quiet -r bench/requirements-loadtest.lock
fi

SERVER=""
if ! curl -fsS "$URL/readyz" >/dev/null 2>&1; then
  mkdir -p var/loadtest
  MFA_REQUIRED_ROLES= setsid make serve HOST="$HOST" PORT="$PORT" >var/loadtest/serve.log 2>&1 &
  SERVER=$!
  trap 'kill -TERM -- -$SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -fsS "$URL/readyz" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "$URL/readyz" >/dev/null || { echo "the server did not start: see var/loadtest/serve.log"; exit 1; }
fi

mkdir -p var/loadtest
echo "Locust: $USERS users (spawned $SPAWN_RATE/s, statistics reset after), think time 1–3 s, $DURATION against $URL"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
.venv-load/bin/locust -f bench/locustfile.py --headless --users "$USERS" --spawn-rate "$SPAWN_RATE" --reset-stats \
  --run-time "$DURATION" --host "$URL" --csv var/loadtest/run --only-summary --loglevel WARNING \
  >var/loadtest/locust.log 2>&1 || true
echo "load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1 /proc/loadavg) (a quiet 2-core machine: below 2)"
.venv/bin/python bench/loadreport.py var/loadtest/run_stats.csv
