#!/usr/bin/env bash
# Install the Debian packages bienban and its tests need (skipped when all are present).
set -euo pipefail
PKGS=(python3-venv libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins alsa-utils
      espeak-ng sox libsox-fmt-all ffmpeg libreoffice-writer poppler-utils tmux softhsm2 fonts-liberation2)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
