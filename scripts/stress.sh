#!/usr/bin/env bash
# Bootstraps, builds and runs the stress run against a real node: 100 bursts of 100 distinct deploys,
# then 3,000 first calls to distinct contracts (actorvm bench stress; flags such as --bursts 10 pass on).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scripts/bootstrap.sh
dotnet build src/Host/Host.csproj -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary
exec src/Host/bin/Release/net10.0/actorvm bench stress "$@"
