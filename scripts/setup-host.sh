#!/usr/bin/env bash
# Installs the Debian packages the real-VS-Code harness needs (chromium for the browser,
# libkrb5-dev for code-server's native kerberos module, a CJK font for the Chinese screenshots) when they are missing. As root it installs
# them; otherwise it says what to install. Safe to run repeatedly: it does nothing when all is there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || need+=(libkrb5-dev)
# A CJK font, so screenshots of the Chinese UI show characters rather than boxes.
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ]; then
  echo "setup-host: installing ${need[*]} from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "setup-host: please install these Debian packages first: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
