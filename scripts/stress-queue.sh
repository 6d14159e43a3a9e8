#!/usr/bin/env bash
# The queue's stress bar (issue 17): the BullMQ queue contract and the Redis fault suites pass N times
# in a row (default 10) while two busy processes hold the CPU. Stops at the first failing run; the busy
# processes are stopped however the script ends.
#
#   npm run stress:queue            # 10 runs
#   npm run stress:queue -- 2       # 2 runs
set -euo pipefail

runs="${1:-10}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [runs]   (a positive number, default 10)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."

# The fault suites stop and start a redis-server of their own; without one they would skip, not pass.
if ! command -v redis-server >/dev/null; then
  echo "stress-queue: redis-server is not on PATH (apt-get install redis-server)" >&2
  exit 2
fi

suites=(
  tests/contract/queue.bullmq.test.ts
  tests/workers/bullmq-faults.test.ts
  tests/workers/outbox-faults.test.ts
  tests/workers/redis-down.test.ts
  tests/workers/redis-empty-restart.test.ts
)

busy=()
stop_busy() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${busy[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_busy EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in 1 2; do
  node -e 'for (;;) {}' &
  busy+=("$!")
done
echo "stress-queue: two busy processes (${busy[*]}), ${runs} runs of: ${suites[*]}"

started=$SECONDS
for run in $(seq 1 "$runs"); do
  run_started=$SECONDS
  if ! npx vitest run "${suites[@]}"; then
    echo "stress-queue: run ${run} of ${runs} FAILED after $((SECONDS - run_started)) s" >&2
    exit 1
  fi
  echo "stress-queue: run ${run} of ${runs} passed in $((SECONDS - run_started)) s"
done
echo "stress-queue: ${runs} runs in a row passed in $((SECONDS - started)) s"
