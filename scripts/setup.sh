#!/usr/bin/env bash
# Prepares a Debian machine for duthao: installs only the system packages that are missing,
# starts the local PostgreSQL and Redis if they are installed but down, installs npm packages.
# Safe to run again: it skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium renders PDFs and drives the browser tests; fonts-croscore without recommends
# (fonts-liberation 1.x shows boxes for Vietnamese); poppler-utils reads PDFs back in tests;
# docker-compose validates docker/docker-compose.yml (no engine needed); LibreOffice reads Word files
# back in tests and makes the Word fixtures; libnss3-tools signs a PDF the way a leader's own tool would.
PACKAGES=(postgresql redis-server chromium fonts-croscore poppler-utils docker-compose libreoffice-writer-nogui libnss3-tools)

missing=()
# The page tests run the Nu HTML checker (npm vnu-jar), a Java program: a JRE only where there is no java.
command -v java >/dev/null || PACKAGES+=(default-jre-headless)
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if command -v pg_lsclusters >/dev/null && ! pg_lsclusters --no-header 2>/dev/null | grep -q online; then
  echo "setup: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
fi

if command -v redis-server >/dev/null && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "setup: starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

# Puppeteer must not try to download a browser: it uses Debian's Chromium.
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
