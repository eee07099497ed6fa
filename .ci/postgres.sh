#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages if missing, starts it on 127.0.0.1:5432 and creates the role and database
# the -Ppostgres integration tests use (warden / warden, database warden).
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='warden'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"create role warden login password 'warden'\""
su postgres -c "psql -qAtc \"select 1 from pg_database where datname='warden'\"" | grep -q 1 \
  || su postgres -c "psql -qc 'create database warden owner warden'"
echo "PostgreSQL $version ready on 127.0.0.1:5432 (database warden)"
