#!/usr/bin/env bash
# Adds an EF Core migration to a service for both providers (each provider has its own context subclass).
# Usage: deploy/dev/add-migration.sh <Service> <MigrationName>     e.g. deploy/dev/add-migration.sh Booking AddResources
set -euo pipefail
svc=${1:?service (Booking, Membership, Billing, Gateway)}
name=${2:?migration name}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-ef >/dev/null || dotnet tool install --global dotnet-ef --version 10.0.15
for provider in Sqlite Postgres; do
  ns="Operators.$svc.Persistence.Migrations.$provider"
  dotnet ef migrations add "$name" -p "services/$svc" -s "services/$svc" -c "$provider${svc}DbContext" \
    -o "Persistence/Migrations/$provider" --namespace "$ns"
  # With --namespace, EF writes the model snapshot to a folder named after the namespace: move it home.
  stray="services/$svc/${ns//.//}"
  if [ -d "$stray" ]; then
    mv "$stray"/*.cs "services/$svc/Persistence/Migrations/$provider/"
    rm -rf "services/$svc/Operators"
  fi
done
