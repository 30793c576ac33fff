#!/usr/bin/env bash
# The Janus adapter's tests against a Janus started here with Parta's configuration (Debian package `janus`),
# on its own ports and in a temporary folder; Janus stops when the tests end.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v janus > /dev/null; then
  echo "janus is not installed: apt-get install -y janus" >&2
  exit 1
fi
dir="$(mktemp -d)"
port="${JANUS_TEST_WS_PORT:-8288}"
JANUS_CONFIG_DIR="$dir" JANUS_WS_PORT="$port" JANUS_RTP_PORTS="${JANUS_TEST_RTP_PORTS:-22000-22999}" ./janus/start.sh > "$dir/janus.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then break; fi
  if ! kill -0 "$pid" 2> /dev/null; then cat "$dir/janus.log" >&2; exit 1; fi
  sleep 0.2
done
JANUS_URL="ws://127.0.0.1:$port" npx vitest run -c vitest.janus.config.ts
