#!/usr/bin/env bash
# Starts Janus (Debian package `janus`) with Parta's configuration. Settings come from the environment:
#   JANUS_CONFIG_DIR   where the generated configuration is written (default ./data/janus)
#   JANUS_WS_IP        address of the WebSocket API Parta connects to (default 127.0.0.1)
#   JANUS_WS_PORT      its port (default 8188)
#   JANUS_RTP_PORTS    UDP ports for media (default 20000-20999; open them in the firewall)
#   JANUS_INTERFACE    the network interface browsers reach (default: the one of the default route)
#   JANUS_PUBLIC_IP    the public address when behind 1:1 NAT (optional)
#   JANUS_ADMIN_KEY    required to create rooms when the API is not on loopback (optional)
#   JANUS_DEBUG_LEVEL  0-7 (default 3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
conf="${JANUS_CONFIG_DIR:-./data/janus}"
mkdir -p "$conf"
conf="$(cd "$conf" && pwd)"
iface="${JANUS_INTERFACE:-$(ip route show default 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit }}')}"
nat=""
if [ -n "${JANUS_PUBLIC_IP:-}" ]; then nat="nat_1_1_mapping = \"${JANUS_PUBLIC_IP}\""; fi
admin=""
if [ -n "${JANUS_ADMIN_KEY:-}" ]; then admin="admin_key = \"${JANUS_ADMIN_KEY}\""; fi
render() {
  sed -e "s#@CONFDIR@#${conf}#" -e "s#@DEBUG_LEVEL@#${JANUS_DEBUG_LEVEL:-3}#" -e "s#@RTP_PORTS@#${JANUS_RTP_PORTS:-20000-20999}#" \
      -e "s#@ICE_INTERFACE@#${iface:-eth0}#" -e "s#@NAT_1_1@#${nat}#" -e "s#@WS_PORT@#${JANUS_WS_PORT:-8188}#" \
      -e "s#@WS_IP@#${JANUS_WS_IP:-127.0.0.1}#" -e "s#@ADMIN_KEY@#${admin}#" "$here/$1.template" > "$conf/$1"
}
render janus.jcfg
render janus.transport.websockets.jcfg
render janus.plugin.videoroom.jcfg
exec janus -F "$conf" -C "$conf/janus.jcfg"
