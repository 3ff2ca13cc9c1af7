#!/usr/bin/env bash
# Installs, builds, prepares the database and starts wg-secretariat (API and workers in one process).
#   npm run setup               start with an empty database
#   npm run setup -- --demo     load the WGECC demo data first (safe to repeat)
#   npm run setup -- --no-start prepare everything, do not start
set -euo pipefail
cd "$(dirname "$0")/.."

demo=false; start=true
for arg in "$@"; do
  case "$arg" in
    --demo) demo=true ;;
    --no-start) start=false ;;
    *) echo "unknown option: $arg (use --demo, --no-start)" >&2; exit 2 ;;
  esac
done

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build --silent

# Secrets are generated once per machine and kept in .env (never committed).
if [ ! -f .env ]; then
  secret() { node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))"; }
  {
    echo "APP_SECRET=$(secret)"
    echo "ADMIN_TOKEN=wgs_admin_$(secret)"
  } > .env
  chmod 600 .env
  echo "Wrote .env with a new APP_SECRET and ADMIN_TOKEN."
fi
echo "Admin token (use as 'Authorization: Bearer …'): $(grep '^ADMIN_TOKEN=' .env | cut -d= -f2-)"

if [ "$demo" = true ]; then
  node dist/src/seed-demo.js
fi
if [ "$start" = true ]; then
  exec node dist/src/main.js
fi
