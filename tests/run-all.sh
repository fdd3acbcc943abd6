#!/usr/bin/env bash
# The one test command: installs (where missing) and starts PostgreSQL and RabbitMQ from Debian's packages,
# restores, builds and runs every test of the solution against them. TRX results land in TestResults/.
#
#   bash tests/run-all.sh
#
# Needs root (or sudo) the first time, to install and start the servers. Tests that need a server fail,
# never skip, when it is not there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
say() { printf '\n==> %s\n' "$*"; }

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v rabbitmqctl >/dev/null 2>&1 || missing+=(rabbitmq-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)  # the intranet's browser tests drive it headless through Playwright
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

say "Starting PostgreSQL"
as_root service postgresql start >/dev/null
for _ in $(seq 1 30); do pg_isready -q -h localhost && break; sleep 1; done
pg_isready -h localhost || { echo "PostgreSQL did not start" >&2; exit 1; }
# The tests connect as postgres/postgres over TCP (OPERATORS_TEST_POSTGRES overrides this).
if [ -z "${OPERATORS_TEST_POSTGRES:-}" ]; then
  as_root runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null
fi

say "Starting RabbitMQ"
as_root service rabbitmq-server start >/dev/null || true
as_root timeout 120 rabbitmqctl await_startup >/dev/null || { echo "RabbitMQ did not start" >&2; exit 1; }

say "Restoring and building"
dotnet restore Operators.sln --nologo -v quiet
dotnet build Operators.sln --no-restore -c Release --nologo -v quiet

say "Running the tests"
rm -rf TestResults
# One test project after another (some take the broker down on purpose), each with its own TRX file.
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build -c Release --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$root/TestResults" \
    || status=1
done
exit $status
