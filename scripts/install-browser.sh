#!/usr/bin/env bash
# Install Debian's chromium for the browser tests, if it is missing and we can (root + apt),
# and a Japanese font (without one the Japanese page and its screenshots draw empty boxes).
set -u
have_ja_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja 2>/dev/null)" ]; }
if command -v chromium >/dev/null 2>&1 && have_ja_font; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  command -v chromium >/dev/null 2>&1 || echo "install-browser: chromium not installed and apt-get unavailable; browser tests will skip" >&2
  have_ja_font || echo "install-browser: no Japanese font and apt-get unavailable; Japanese draws as boxes" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
if ! command -v chromium >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
    || echo "install-browser: apt-get could not install chromium; browser tests will skip" >&2
fi
if ! have_ja_font; then
  apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null 2>&1 \
    || echo "install-browser: apt-get could not install fonts-noto-cjk; Japanese draws as boxes" >&2
fi
exit 0
