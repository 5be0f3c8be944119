#!/usr/bin/env bash
# Puts `actorvm` on the PATH: a small launcher for this checkout's build, in /usr/local/bin when it
# can write there (root), else in ~/.local/bin (on the PATH of Debian's login shells). ACTORVM_BIN_DIR
# chooses another folder. Builds first if there is no build yet.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary="$root/src/Host/bin/Release/net10.0/actorvm"

if [[ ! -x "$binary" ]]; then
  "$root/scripts/bootstrap.sh"
  dotnet build "$root/src/Host/Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary
fi

dir=${ACTORVM_BIN_DIR:-}
if [[ -z "$dir" ]]; then
  if [[ -w /usr/local/bin ]]; then dir=/usr/local/bin; else dir="$HOME/.local/bin"; fi
fi
mkdir -p "$dir"
cat > "$dir/actorvm" <<LAUNCHER
#!/bin/sh
exec "$binary" "\$@"
LAUNCHER
chmod +x "$dir/actorvm"
echo "actorvm installed in $dir"
case ":$PATH:" in
  *":$dir:"*) ;;
  *) echo "note: $dir is not on your PATH; add it (export PATH=\"$dir:\$PATH\")" ;;
esac
