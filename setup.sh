#!/usr/bin/env bash
# Installs what the platform and its tests need beyond the .NET 10 SDK: Debian's Chromium (browser tests) and
# ffmpeg (decoding raw videos for `csol dataset extract`).
# Safe to run again; does nothing when everything is there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
{ command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || need+=(ffmpeg)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
dotnet restore Csol.Platform.sln >/dev/null
echo "setup: ready (chromium: $(command -v chromium), ffmpeg: $(command -v ffmpeg), dotnet: $(dotnet --version))"
