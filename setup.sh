#!/usr/bin/env bash
# Installs what the platform and its tests need beyond the .NET 10 SDK: Debian's Chromium (browser tests), ffmpeg
# (decoding raw videos for `csol dataset extract`) and, for MUSIC-Clipart (`csol dataset build-clipart`), fluidsynth,
# the FluidR3 GM SoundFont and the openclipart SVGs.
# Safe to run again; does nothing when everything is there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
{ command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || need+=(ffmpeg)
command -v fluidsynth >/dev/null 2>&1 || need+=(fluidsynth)
[ -f /usr/share/sounds/sf2/FluidR3_GM.sf2 ] || need+=(fluid-soundfont-gm)
[ -d /usr/share/openclipart/svg/recreation/music ] || need+=(openclipart-svg)
# Captions of the per-class heatmap pictures are drawn in DejaVu Sans.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  # policy-rc.d-style containers refuse to start services; that is fine, the tests start their own servers.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
dotnet restore Csol.Platform.sln >/dev/null
echo "setup: ready (chromium: $(command -v chromium), ffmpeg: $(command -v ffmpeg), fluidsynth: $(command -v fluidsynth)," \
  "postgres: $(compgen -G "/usr/lib/postgresql/*/bin/initdb" | tail -1)," \
  "redis: $(command -v redis-server || echo /usr/bin/redis-server), dotnet: $(dotnet --version))"
