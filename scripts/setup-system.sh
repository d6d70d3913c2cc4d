#!/usr/bin/env bash
# System packages: Chromium's headless shell renders the PDF (it starts in
# about 60 % of the full browser's time; the full `chromium` stays for
# `--browser` and the benchmark's baseline); fonts cover emoji and fallbacks;
# poppler, LibreOffice and pandoc are used by the tests and the benchmark.
# Skips what is already installed, so it is quick on a prepared machine.
set -euo pipefail

packages=(chromium-headless-shell chromium fonts-liberation fonts-dejavu-core fonts-noto-color-emoji poppler-utils libreoffice-writer-nogui pandoc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "system packages: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
