#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 20) from the committed seeds, in a scratch corpus.
#   bash fuzz/run.sh            # CI: a short bounded run of each crash target
#   bash fuzz/run.sh 3600       # longer, locally
#   bash fuzz/run.sh 600 extract  # one target
#   bash fuzz/run.sh 1200 lean    # the lean-page tree check (not in the default list: it is a
#                                 # differential check that still finds rare corners of
#                                 # malformed markup after minutes; run it when guard.rs changes)
# The toolchain here is stable Rust; RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z flags to it.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract headlines date charset)
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.1 --locked
fi
cargo fuzz build -O 2>&1 | tail -1
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
  echo "== fuzz $t for ${seconds}s"
  cargo fuzz run -O "$t" "corpus/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 -timeout=10 2>&1 \
    | grep -E "^(Done|INFO: Seed|==[0-9]+==|SUMMARY)|panicked|ERROR" || true
  # libFuzzer writes crash-*/timeout-*/oom-* files on failure.
  if compgen -G "artifacts/$t/*" >/dev/null; then
    echo "fuzz target $t found a failure: see fuzz/artifacts/$t" >&2
    exit 1
  fi
done
echo "fuzzing: no crashes, hangs or out-of-memory"
