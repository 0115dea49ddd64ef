#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install the Debian packages mmsim needs to build and test, if missing.
# Idempotent and silent when everything is present; uses sudo when not root.
set -eu

PACKAGES="gcc make pkg-config meson ninja-build python3 libcriterion-dev libinih-dev zlib1g-dev"

missing=""
for p in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	"install ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "mmsim: missing packages:$missing (and no apt-get to install them)" >&2
	exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "mmsim: missing packages:$missing; run as root or install sudo" >&2
		exit 1
	fi
fi
echo "mmsim: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
