#!/usr/bin/env bash
# Install Debian's chromium for the browser tests, if it is missing and we can (root + apt).
set -u
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: chromium not installed and apt-get unavailable; browser tests will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
  || echo "install-browser: apt-get could not install chromium; browser tests will skip" >&2
exit 0
