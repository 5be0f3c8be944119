#!/usr/bin/env bash
# A private RabbitMQ on loopback, for a local cluster and the tests: its own node names, ports, data
# and log directories, and a cookie in the cluster folder (no system service is used or touched).
#   scripts/rabbitmq.sh start DIR NAME PORT   starts node NAME (AMQP on 127.0.0.1:PORT, distribution on PORT+100; keep clear of
#                                            35672-35682, which the Erlang CLI tools use) with its data in DIR/NAME;
#                                            prints "rabbitmq NAME amqp://guest:guest@127.0.0.1:PORT/ PID"
#   scripts/rabbitmq.sh start DIR NAME PORT TLSPORT   the same, and TLS (amqps) on 127.0.0.1:TLSPORT with a certificate from a
#                                            CA made once in DIR/tls; also prints "rabbitmq-tls NAME amqps://...:TLSPORT/ DIR/tls/ca.pem"
#   scripts/rabbitmq.sh join DIR NAME OTHER   makes node NAME join node OTHER's cluster (names are unique per machine)
#   scripts/rabbitmq.sh stop DIR [NAME]       stops node NAME, or every node under DIR, by pid
set -euo pipefail
bin=/usr/lib/rabbitmq/bin
[ -x "$bin/rabbitmq-server" ] || { echo "rabbitmq: rabbitmq-server is not installed: run scripts/bootstrap.sh" >&2; exit 1; }

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,9p' "$0" >&2; exit 2; }
mkdir -p "$dir/home"
dir=$(cd "$dir" && pwd)
# Every node of one cluster shares this cookie; HOME points the Erlang tools at it.
[ -f "$dir/home/.erlang.cookie" ] || { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/home/.erlang.cookie"; chmod 600 "$dir/home/.erlang.cookie"; }
export HOME="$dir/home" ERL_EPMD_ADDRESS=127.0.0.1
# An Erlang tool that dies writes its crash dump here, not into whatever directory called the script.
export ERL_CRASH_DUMP="$dir/erl_crash.dump"

ctl() { "$bin/rabbitmqctl" -n "$1@localhost" "${@:2}"; }

# A CA and a server certificate for 127.0.0.1 and localhost, made once per DIR (for tests and local clusters only).
tls_files() {
  local tls="$dir/tls"
  [ -f "$tls/server.pem" ] && return
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tls/ca.key" -out "$tls/ca.pem" -days 3650 -subj "/CN=ActorVm local CA" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout "$tls/server.key" -out "$tls/server.csr" -subj "/CN=localhost" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > "$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -out "$tls/server.pem" -days 3650 \
    -extfile "$tls/server.ext" 2>/dev/null
  chmod 644 "$tls"/*.key
}

case "$cmd" in
  start)
    name=$3; port=$4; tls_port=${5:-}; node="$dir/$name"
    mkdir -p "$node"
    echo "[]." > "$node/enabled_plugins"
    : > "$node/rabbitmq.conf"
    if [ -n "$tls_port" ]; then
      tls_files
      cat > "$node/rabbitmq.conf" <<CONF
listeners.ssl.1 = 127.0.0.1:$tls_port
ssl_options.cacertfile = $dir/tls/ca.pem
ssl_options.certfile = $dir/tls/server.pem
ssl_options.keyfile = $dir/tls/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
CONF
    fi
    env RABBITMQ_NODENAME="$name@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port" \
      RABBITMQ_DIST_PORT=$((port + 100)) RABBITMQ_MNESIA_BASE="$node/mnesia" RABBITMQ_MNESIA_DIR="$node/mnesia/$name" \
      RABBITMQ_FEATURE_FLAGS_FILE="$node/feature_flags" RABBITMQ_PLUGINS_EXPAND_DIR="$node/plugins-expand" \
      RABBITMQ_LOG_BASE="$node/log" RABBITMQ_PID_FILE="$node/pid" RABBITMQ_ENABLED_PLUGINS_FILE="$node/enabled_plugins" \
      RABBITMQ_CONFIG_FILE="$node/rabbitmq.conf" \
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +S 1:1" \
      setsid "$bin/rabbitmq-server" > "$node/server.out" 2>&1 < /dev/null &
    if ! ctl "$name" wait "$node/pid" --timeout 90 > "$node/wait.out" 2>&1; then
      echo "rabbitmq: node $name did not start:" >&2; tail -n 20 "$node/server.out" >&2; exit 1
    fi
    echo "rabbitmq $name amqp://guest:guest@127.0.0.1:$port/ $(cat "$node/pid")"
    [ -z "$tls_port" ] || echo "rabbitmq-tls $name amqps://guest:guest@127.0.0.1:$tls_port/ $dir/tls/ca.pem"
    ;;
  join)
    name=$3; other=$4
    ctl "$name" stop_app > /dev/null
    ctl "$name" join_cluster "$other@localhost" > /dev/null
    ctl "$name" start_app > /dev/null
    echo "rabbitmq $name joined $other"
    ;;
  stop)
    for pidfile in "$dir"/${3:-*}/pid; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    done
    ;;
  *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
