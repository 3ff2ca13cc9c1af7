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

step() { printf '== %s\n' "$1"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error > /dev/null
fi
step "building"
npm run build --silent

# Secrets are generated once per machine and kept in .env (never committed).
if [ ! -f .env ]; then
  secret() { node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))"; }
  {
    echo "APP_SECRET=$(secret)"
    echo "ADMIN_TOKEN=wgs_admin_$(secret)"
  } > .env
  chmod 600 .env
  step "wrote .env with a new APP_SECRET and ADMIN_TOKEN"
fi
step "admin token (API, as 'Authorization: Bearer …'): $(grep '^ADMIN_TOKEN=' .env | cut -d= -f2-)"

if [ "$demo" = true ]; then
  step "loading the WGECC demo (database and migrations are prepared first)"
  node dist/src/seed-demo.js
fi
port=${PORT:-$(sed -n 's/^PORT=//p' .env)}
url=${APP_URL:-$(sed -n 's/^APP_URL=//p' .env)}
url=${url:-http://localhost:${port:-3000}}
if [ "$start" = true ]; then
  step "starting on $url (Ctrl-C stops)"
  if [ "$demo" = true ]; then
    echo "   Sign in at $url/sign-in as the demo secretariat: l.bianchi@demo.wgecc.example"
    echo "   Without SMTP_URL the sign-in link is written to var/outbox/: open the newest .eml there."
  fi
  exec node dist/src/main.js
fi
