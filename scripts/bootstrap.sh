#!/usr/bin/env bash
# Installs the system packages npm cannot provide: ffmpeg (recording, clips), Chromium (browser tests, PDF
# export) and a CJK font (Chinese text in screenshots and PDFs); coturn is optional (the TURN relay test is
# skipped without it). Uses Debian's packages, never a tool's own browser or binary download. As root (or
# with sudo) it installs them; otherwise it prints the command. Janus is optional too: the `sfu-peer` benchmark
# measures LiveLab's SFU against it and skips that half without it.
set -euo pipefail

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -i 'Noto Color Emoji' >/dev/null || need+=(fonts-noto-color-emoji)
optional=()
command -v turnserver >/dev/null 2>&1 || optional+=(coturn)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || optional+=(nginx-light)
[ -x /usr/bin/janus ] || optional+=(janus)

if [ ${#need[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then
  echo "bootstrap: system packages present (ffmpeg, chromium, fonts-noto-cjk, fonts-noto-color-emoji, poppler-utils, coturn, nginx, janus)"
  exit 0
fi

all=("${need[@]}" "${optional[@]}")
# Packages must not start their services here (nginx would take port 80): the tests start their own.
cmd="apt-get update && printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${all[*]}; status=\$?; rm -f /usr/sbin/policy-rc.d; exit \$status"
if [ "$(id -u)" -eq 0 ]; then
  echo "bootstrap: installing ${all[*]}"
  bash -c "$cmd"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "bootstrap: installing ${all[*]} with sudo"
  sudo bash -c "$cmd"
elif [ ${#need[@]} -eq 0 ]; then
  echo "bootstrap: optional ${optional[*]} missing, the TURN relay and proxy tests (and the Janus half of the sfu-peer benchmark) will be skipped (install: sudo bash -c '$cmd')"
else
  echo "bootstrap: missing system packages: ${need[*]}" >&2
  echo "bootstrap: run this as root, then run the command again:" >&2
  echo "  sudo bash -c '$cmd'" >&2
  exit 1
fi
