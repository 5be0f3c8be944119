#!/usr/bin/env bash
# Bootstraps, builds and starts a node on its embedded defaults (HTTP on 127.0.0.1:30080, data in
# ./data), with `actorvm` put on the PATH (scripts/install-cli.sh). Arguments go to `actorvm node`, e.g. scripts/start.sh --port 30081 --data /tmp/node.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

"$root/scripts/bootstrap.sh"
dotnet build "$root/src/Host/Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary
# The CLI on the PATH, so the README's `actorvm ...` commands work in another terminal.
"$root/scripts/install-cli.sh"
exec "$root/src/Host/bin/Release/net10.0/actorvm" node "$@"
