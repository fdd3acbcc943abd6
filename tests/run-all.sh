#!/usr/bin/env bash
# The one test command: installs (where missing) and starts PostgreSQL and RabbitMQ from Debian's packages, and
# the tools the Factur-X tests run (libxml2-utils, default-jre-headless, libsaxonhe-java, poppler-utils, qpdf),
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
# The Factur-X kit (tests/facturx/validate.sh) the billing tests run: XSD, XSLT 2 schematrons, pdfdetach; and qpdf.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -f /usr/share/java/Saxon-HE.jar ] || missing+=(libsaxonhe-java)
command -v pdfdetach >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
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
mkdir -p TestResults
# The servers above (and the intranet's Chromium, once per test project) are shared; every test makes its
# own databases, virtual hosts, data folders and ports, so projects can run side by side. OPERATORS_TEST_JOBS
# projects at a time (default 2, this CI machine's cores), the longest first so the lanes end together.
# Operators.Messaging.Tests takes the broker down on purpose: it runs alone, after the others.
jobs=${OPERATORS_TEST_JOBS:-2}
alone=(Operators.Messaging.Tests)
longest_first=(Operators.Booking.Tests Operators.Intranet.Tests Operators.EndToEnd.Tests Operators.Gateway.Tests
  Operators.Membership.Tests Operators.Billing.Tests Operators.ServiceDefaults.Tests Operators.Tenancy.Tests)
queue=()
for name in "${longest_first[@]}"; do [ -f "tests/$name/$name.csproj" ] && queue+=("$name"); done
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  [[ " ${longest_first[*]} ${alone[*]} " == *" $name "* ]] || queue+=("$name")
done

run_project() {
  local name=$1 started=$SECONDS rc=0
  dotnet test "tests/$name/$name.csproj" --no-build -c Release --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$root/TestResults" \
    > "TestResults/$name.log" 2>&1 || rc=$?
  echo "$name $((SECONDS - started)) $rc" > "TestResults/$name.time"
  return $rc
}

report() {
  local name=$1 seconds rc
  read -r _ seconds rc < "TestResults/$name.time"
  cat "TestResults/$name.log"
  printf '==> %s: %s in %dm%02ds\n' "$name" "$([ "$rc" -eq 0 ] && echo passed || echo FAILED)" $((seconds / 60)) $((seconds % 60))
  [ "$rc" -eq 0 ] || status=1
}

status=0
total_started=$SECONDS
declare -A running=()
for name in "${queue[@]}"; do
  while [ ${#running[@]} -ge "$jobs" ]; do
    wait -n || true
    for pid in "${!running[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        report "${running[$pid]}"
        unset "running[$pid]"
      fi
    done
  done
  run_project "$name" &
  running[$!]=$name
done
for pid in "${!running[@]}"; do
  wait "$pid" || true
  report "${running[$pid]}"
done
for name in "${alone[@]}"; do
  if [ -f "tests/$name/$name.csproj" ]; then
    run_project "$name" || true
    report "$name"
  fi
done

say "Time per test project ($jobs at a time, then ${alone[*]} alone)"
for file in TestResults/*.time; do
  read -r name seconds rc < "$file"
  printf '  %-34s %3dm%02ds  %s\n' "$name" $((seconds / 60)) $((seconds % 60)) "$([ "$rc" -eq 0 ] && echo passed || echo FAILED)"
done
elapsed=$((SECONDS - total_started))
printf '  %-34s %3dm%02ds\n' "total (wall clock)" $((elapsed / 60)) $((elapsed % 60))
exit $status
