#!/usr/bin/env bash
# ccxt (a real, independent client) against the simulator: starts `authbisect sim` from the built
# target/authbisect.jar on a free port, runs check.mjs, stops the simulator. Builds nothing itself.
# Needs node and npm; installs the pinned ccxt into this folder's node_modules (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
jar="$root/target/authbisect.jar"
if [ ! -f "$jar" ]; then
  echo "run.sh: $jar is missing; build it first (mvn -B -q verify)" >&2
  exit 2
fi
command -v node >/dev/null && command -v npm >/dev/null || { echo "run.sh: node and npm are required" >&2; exit 2; }

cd "$here"
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

log="$(mktemp)"
java -jar "$jar" sim --scenario "$here/scenario.yaml" --port 0 >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

for _ in $(seq 1 600); do   # up to 60 s for the JVM to start
  grep -q '^v1 ' "$log" && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "run.sh: the simulator did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
base="$(awk '/^v1 /{print $2}' "$log" | sed 's|/exchange/v1$||')"
[ -n "$base" ] || { echo "run.sh: the simulator printed no URL:" >&2; cat "$log" >&2; exit 1; }

SIM_BASE_URL="$base" node check.mjs
