#!/usr/bin/env bash
# A local cluster on this machine, on loopback: a 3-node RabbitMQ cluster and N ActorVm nodes (default
# 3), each with its own ports and data directory under .cluster/.
#   scripts/cluster.sh up [N]   starts everything, prints "node <id> <http-url> <pid>" per ActorVm node
#                               once each serves
#   scripts/cluster.sh down     stops everything it started, by pid
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir="$root/.cluster"
actorvm="$root/src/Host/bin/Release/net10.0/actorvm"

down() {
  for pidfile in "$dir"/nodes/*/pid; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  for pidfile in "$dir"/nodes/*/pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  [ -d "$dir/rabbit" ] && "$root/scripts/rabbitmq.sh" stop "$dir/rabbit"
  return 0
}

case "${1:-}" in
  up)
    count=${2:-3}
    [ -d "$dir" ] && { echo "cluster: $dir exists: run scripts/cluster.sh down first" >&2; exit 1; }
    "$root/scripts/bootstrap.sh"
    dotnet build "$root/src/Host/Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary
    mkdir -p "$dir/nodes"
    # Whatever fails on the way up takes down what was started.
    trap 'down; rm -rf "$dir"' ERR
    uris=()
    for i in 1 2 3; do
      line=$("$root/scripts/rabbitmq.sh" start "$dir/rabbit" "actorvm$i" $((25670 + i)))
      uris+=("$(echo "$line" | cut -d' ' -f3)")
      [ "$i" -gt 1 ] && "$root/scripts/rabbitmq.sh" join "$dir/rabbit" "actorvm$i" actorvm1 > /dev/null
    done
    "$actorvm" cluster init --amqp "${uris[0]}" > /dev/null
    for i in $(seq 1 "$count"); do
      node="$dir/nodes/n$i"; mkdir -p "$node"
      env_args=(ACTORVM_CLUSTER__NODEID="n$i" ACTORVM_GATEWAY__PORT=-1)
      for j in "${!uris[@]}"; do env_args+=(ACTORVM_CLUSTER__AMQP__"$j"="${uris[$j]}"); done
      env "${env_args[@]}" setsid "$actorvm" node --port $((30180 + i)) --data "$node/data" > "$node/out.log" 2>&1 < /dev/null &
      echo $! > "$node/pid"
    done
    for i in $(seq 1 "$count"); do
      node="$dir/nodes/n$i"; url="http://127.0.0.1:$((30180 + i))"
      for _ in $(seq 1 600); do
        grep -q "^ActorVm node listening" "$node/out.log" 2>/dev/null && break
        kill -0 "$(cat "$node/pid")" 2>/dev/null || { echo "cluster: node n$i exited:" >&2; tail -n 20 "$node/out.log" >&2; down; exit 1; }
        sleep 0.1
      done
      echo "node n$i $url $(cat "$node/pid")"
    done
    trap - ERR
    ;;
  down)
    down
    rm -rf "$dir"
    ;;
  *) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
