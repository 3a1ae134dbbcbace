#!/usr/bin/env bash
# The DIVA Badges tests on PostgreSQL 15: a throwaway cluster owned by the `postgres` user, on a loopback
# port, started with initdb/pg_ctl, removed after the run whatever happens. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PY=${PY:-.venv/bin/python}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL 15 absent ($PGBIN/initdb): issuer tests on PostgreSQL skipped / not run" >&2
  exit 0
fi
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CLUSTER=$(mktemp -d /tmp/diva-pg-XXXXXX)
PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_hex(16))')
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
chown postgres "$CLUSTER" 2>/dev/null || true
stop() {
  as_postgres "$PGBIN/pg_ctl" -D "$CLUSTER/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$CLUSTER"
}
trap stop EXIT
printf '%s\n' "$PASSWORD" > "$CLUSTER/pw" && chown postgres "$CLUSTER/pw" 2>/dev/null || true
as_postgres "$PGBIN/initdb" -D "$CLUSTER/data" -U diva --pwfile="$CLUSTER/pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/log" -w \
  -o "-h 127.0.0.1 -p $PORT -k $CLUSTER -c fsync=off -c full_page_writes=off" start >/dev/null
export DIVA_ISSUER_DATABASE_URL="postgresql://diva:$PASSWORD@127.0.0.1:$PORT/postgres"
echo "issuer tests on PostgreSQL 15 (127.0.0.1:$PORT)"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$PY" -m pytest -q tests/issuer/platform tests/issuer/endorsements "$@"
