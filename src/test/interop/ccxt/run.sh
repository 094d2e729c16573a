#!/usr/bin/env bash
# ccxt (a real, independent client) against the simulator: starts `authbisect sim` from the built
# target/authbisect.jar on a free port per venue, runs check.mjs (cryptocom) and check-binance.mjs
# (binance), stops the simulators. Builds nothing itself; exits 1 when either check fails.
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

# start_sim SCENARIO: starts `authbisect sim` on a free port; sets $pid and $log, waits until it printed its URLs
pids=()
logs=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  for l in "${logs[@]}"; do rm -f "$l"; done
}
trap cleanup EXIT
start_sim() {
  log="$(mktemp)"
  logs+=("$log")
  java -jar "$jar" sim --scenario "$1" --port 0 >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 600); do   # up to 60 s for the JVM to start
    grep -q 'http://' "$log" && grep -q '^trusted egress IP' "$log" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: the simulator did not start:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "run.sh: the simulator printed no URL:" >&2; cat "$log" >&2; exit 1
}

# Crypto.com: ccxt's cryptocom against the crypto-com-exchange-v1 dialect
start_sim "$here/scenario.yaml"
base="$(awk '/^v1 /{print $2}' "$log" | sed 's|/exchange/v1$||')"
[ -n "$base" ] || { echo "run.sh: the simulator printed no v1 URL:" >&2; cat "$log" >&2; exit 1; }
status=0
SIM_BASE_URL="$base" node check.mjs || status=1

# Binance: ccxt's binance against the binance-spot dialect (its API lives at the host root)
start_sim "$here/binance-scenario.yaml"
base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1)"
[ -n "$base" ] || { echo "run.sh: the simulator printed no URL:" >&2; cat "$log" >&2; exit 1; }
SIM_BASE_URL="$base" node check-binance.mjs || status=1
exit "$status"
