#!/usr/bin/env bash
# Start the PulseAudio test server with a null sink "meet" whose monitor is the default source:
# what is played into "meet" (paplay --device=meet) is what the app hears. Idempotent.
set -eu
if pactl info >/dev/null 2>&1 && pactl list short sinks 2>/dev/null | grep -q '\bmeet\b'; then
  exit 0
fi
pactl info >/dev/null 2>&1 && pulseaudio --kill 2>/dev/null || true
pulseaudio --daemonize=yes --exit-idle-time=-1 -n \
  --load="module-native-protocol-unix" --load="module-null-sink sink_name=meet" \
  --log-target=stderr 2>/dev/null
for _ in $(seq 1 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
pactl set-default-source meet.monitor
pactl set-default-sink meet
