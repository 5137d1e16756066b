#!/usr/bin/env bash
# Install headless Chromium, its WebDriver and a CJK font for the browser tests (tests/test_viz.py).
# Idempotent: when everything is already present it does nothing and prints nothing,
# so it is safe to call from CI before every test run. Debian/Ubuntu only; needs root.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# Without a CJK font Chinese labels render as empty boxes in screenshots.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    missing+=(fonts-noto-cjk)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-chromium: need root to install: ${missing[*]}" >&2
    exit 1
fi

echo "ensure-chromium: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
