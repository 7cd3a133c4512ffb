#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download) and need CJK fonts to render
# the zh-CN pages; a fresh machine of this kind has neither until the project installs them.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} (apt) for the browser tests…"
if [ "$(id -u)" -ne 0 ]; then
  echo "need root to apt-get install ${missing[*]}; install them and run again" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
