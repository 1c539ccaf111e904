#!/usr/bin/env bash
# Mutation testing of the rules core with cargo-mutants: the rules (crates/core/src/rules/) and
# the cost arithmetic (crates/core/src/cost.rs). Each mutant rebuilds sen-core and runs its
# fast test targets (unit tests, rules.rs, scenarios.rs, catalogue_coverage.rs, paste.rs,
# cost_edges.rs), so a full run (about 800 mutants) takes hours on two cores: it is NOT part
# of scripts/test.sh or CI. Run it by hand:
#
#   scripts/mutants.sh                         # every mutant of those files, one job
#   JOBS=2 scripts/mutants.sh --shard 1/8      # an eighth of them, two jobs
#   scripts/mutants.sh --file crates/core/src/cost.rs   # extra cargo-mutants options narrow it
#
# Results land in target/mutants/mutants.out (caught.txt, missed.txt, timeout.txt, unviable.txt).
# BENCHMARKS.md records the last run: its command, date, files and survival rate.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || cargo install --locked cargo-mutants
files=(--file crates/core/src/cost.rs --file 'crates/core/src/rules/*.rs' --file 'crates/core/src/rules/provision_map/*.rs')
for a in "$@"; do
  # Files named on the command line replace the default set.
  if [[ $a == --file || $a == -f ]]; then files=(); fi
done
cargo mutants -p sen-core "${files[@]}" --timeout "${TIMEOUT:-180}" -j "${JOBS:-1}" \
  --gitignore=true --output target/mutants "$@" \
  -- --lib --test rules --test scenarios --test catalogue_coverage --test paste --test cost_edges
