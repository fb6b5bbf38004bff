#!/bin/bash
# runs each line of a job file as `eval.ts embed <line>`, 2 at a time (2 cores; node wasm is single-threaded)
cd "$(dirname "$0")/.."
cat "${1:-harness/jobs.txt}" | xargs -P 2 -L 1 sh -c 'npx tsx harness/eval.ts embed "$0" "$1" 2>&1 | grep -v "^var Module" | cut -c1-300 | tail -3 >> cache/jobs.log'
