#!/usr/bin/env bash
# Bootstraps, builds and runs the benchmark; `scripts/bench.sh --quick` takes under 2 minutes.
# Prints the table and writes bench/results/latest.md and latest.json.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scripts/bootstrap.sh
dotnet build src/Host/Host.csproj -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary
exec src/Host/bin/Release/net10.0/actorvm bench "$@"
