#!/usr/bin/env bash
# Starts the whole distributed stack locally: gateway, booking, membership and billing as separate processes
# on PostgreSQL and RabbitMQ (both assumed to run on this machine). Ctrl-C stops everything.
#
#   deploy/run-distributed.sh            # gateway on http://localhost:5100
#
# Environment (all optional): PGHOST PGPORT PGUSER PGPASSWORD, RABBITMQ_HOST RABBITMQ_USER RABBITMQ_PASSWORD,
# GATEWAY_PORT (5100), OPERATORS_STATE (folder for generated secrets and logs, default ~/.operators),
# OPERATORS_ADMIN_EMAIL / OPERATORS_ADMIN_PASSWORD (the first network-admin).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${OPERATORS_STATE:-$HOME/.operators}
mkdir -p "$state/logs"

export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
rabbit_host=${RABBITMQ_HOST:-localhost}
gateway_port=${GATEWAY_PORT:-5100}

# Secrets are generated once and kept, so tokens and data stay valid across restarts.
secrets="$state/secrets.env"
if [ ! -f "$secrets" ]; then
  umask 077
  {
    echo "INTERNAL_KEY=$(head -c 32 /dev/urandom | base64)"
    echo "USER_KEY=$(head -c 32 /dev/urandom | base64)"
    echo "ADMIN_PASSWORD=Op-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  } > "$secrets"
fi
# shellcheck disable=SC1090
source "$secrets"
admin_email=${OPERATORS_ADMIN_EMAIL:-admin@operators.local}
admin_password=${OPERATORS_ADMIN_PASSWORD:-$ADMIN_PASSWORD}

for db in gateway booking membership billing; do
  psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'operators_$db'" | grep -q 1 \
    || psql -d postgres -qc "CREATE DATABASE operators_$db"
done

dotnet build "$root/Operators.sln" -c Release -v quiet -nologo

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

start() { # name port
  local name=$1 port=$2 cap
  cap="$(tr '[:lower:]' '[:upper:]' <<< "${name:0:1}")${name:1}"
  env \
    ASPNETCORE_URLS="http://localhost:$port" \
    Database__Provider=Postgres Database__MigrateOnStart=true \
    "ConnectionStrings__$cap=Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=operators_$name" \
    Bus__Transport=RabbitMq Bus__RabbitMq__Host="$rabbit_host" \
    Bus__RabbitMq__Username="${RABBITMQ_USER:-guest}" Bus__RabbitMq__Password="${RABBITMQ_PASSWORD:-guest}" \
    Jobs__Storage=Postgres \
    InternalAuth__SigningKey="$INTERNAL_KEY" Auth__SigningKey="$USER_KEY" \
    Bootstrap__AdminEmail="$admin_email" Bootstrap__AdminPassword="$admin_password" \
    DataProtection__KeysPath="$state/keys" \
    Services__booking__Url=http://localhost:5101 Services__membership__Url=http://localhost:5102 Services__billing__Url=http://localhost:5103 \
    dotnet "$root/services/$cap/bin/Release/net10.0/Operators.$cap.dll" > "$state/logs/$name.log" 2>&1 &
  pids+=($!)
}

start booking 5101
start membership 5102
start billing 5103
start gateway "$gateway_port"

for port in 5101 5102 5103 "$gateway_port"; do
  for _ in $(seq 1 60); do
    curl -fs "http://localhost:$port/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://localhost:$port/health/ready" >/dev/null || { echo "service on port $port did not become ready; see $state/logs" >&2; exit 1; }
done

echo "Operators (distributed) is running at http://localhost:$gateway_port"
echo "Network admin: $admin_email (password in $secrets)"
echo "Logs: $state/logs. Ctrl-C stops the stack."
wait
