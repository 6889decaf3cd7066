#!/bin/sh
# LLM mode never delays protection. From the repository root, after mvn -B verify (it needs
# poet-agent/target/poet-agent.jar and the test application in poet-agent/target/test-classes).
#
# 1. com.example.legacy.QuoteFeed (two lookups failing transiently on every fourth attempt) runs RUN_MS ms, N
#    times per mode, alternating: template mode, then LLM mode against a model that accepts the connection and
#    never answers. Each run prints, per method, the time from its first call to the first call that was retried
#    (the enhancement was active).
# 2. Ten restarts of com.example.legacy.Counter in LLM mode (eager activation) against a model that cannot be
#    reached (connections accepted and closed unanswered); the model counts the connections (HTTP requests).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AGENT="$ROOT/poet-agent/target/poet-agent.jar"
CP="$ROOT/poet-agent/target/test-classes:$(ls "$ROOT"/poet-api/target/poet-api-*.jar | head -1)"
N=${N:-3}
RUN_MS=${RUN_MS:-6000}
WORK=$(mktemp -d /tmp/poet-bench-llm-first.XXXXXX)

# mode: silent (hold every connection open, never answer) or refuse (read the request, close, count).
model() {
  python3 - "$1" "$WORK/$1.port" "$WORK/$1.count" <<'PY' &
import socket, sys, threading
mode, port_file, count_file = sys.argv[1], sys.argv[2], sys.argv[3]
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(64)
open(port_file, "w").write(str(s.getsockname()[1]))
held, count = [], 0
while True:
    c, _ = s.accept(); count += 1
    open(count_file, "w").write(str(count))
    if mode == "silent":
        held.append(c)
    else:
        c.settimeout(2)
        try: c.recv(65536)
        except Exception: pass
        c.close()
PY
  while [ ! -s "$WORK/$1.port" ]; do sleep 0.1; done
}

LLM="-Dpoet.generator=llm -Dpoet.llm.provider=openai -Dpoet.llm.model=test -Dpoet.llm.api-key=sk-test"

model silent; SILENT=$!
i=1
while [ "$i" -le "$N" ]; do
  for mode in template llm; do
    mkdir -p "$WORK/run-$mode-$i"
    if [ "$mode" = llm ]; then props="$LLM -Dpoet.llm.base-url=http://127.0.0.1:$(cat "$WORK/silent.port")"; else props=""; fi
    (cd "$WORK/run-$mode-$i" && java -javaagent:"$AGENT" $props -cp "$CP" com.example.legacy.QuoteFeed "$RUN_MS" 2>/dev/null) \
      | sed "s/^/$mode run $i: /"
  done
  i=$((i + 1))
done
kill "$SILENT"

model refuse; REFUSE=$!
mkdir -p "$WORK/restarts"
START=$(date +%s)
i=1
while [ "$i" -le 10 ]; do
  (cd "$WORK/restarts" && java -javaagent:"$AGENT" $LLM -Dpoet.llm.base-url="http://127.0.0.1:$(cat "$WORK/refuse.port")" \
    -Dpoet.methods.include='com.example.legacy.Counter[label]' -Dpoet.activation=eager -cp "$CP" \
    com.example.legacy.Counter >/dev/null 2>&1)
  i=$((i + 1))
done
echo "unreachable model, 10 restarts in $(( $(date +%s) - START )) s (poet.llm.retry-delay-ms default 60000):" \
  "$(cat "$WORK/refuse.count" 2>/dev/null || echo 0) HTTP request(s)"
cat "$WORK"/restarts/.poet/methods/*/llm-backoff.json
kill "$REFUSE"
