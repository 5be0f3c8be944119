#!/usr/bin/env bash
# Bootstraps, builds and runs every test; ends with one line "N passed, N failed, N skipped".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scripts/bootstrap.sh
dotnet build ActorVm.sln -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test ActorVm.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test assembly; add them up.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
