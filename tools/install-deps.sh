#!/bin/sh
# install-deps.sh - install the Debian packages nianbao needs to build and test,
# only those missing, and generate the zh_CN.UTF-8 locale the tests use.
set -eu
pkgs="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libinih-dev libcriterion-dev locales tmux clang python3
groff-base man-db valgrind tidy chromium fonts-wqy-microhei
libzip-dev libexpat1-dev libunistring-dev libreoffice-writer-nogui python3-docx poppler-utils"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
if [ -n "$missing" ]; then
	echo "installing:$missing"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	echo "generating the zh_CN.UTF-8 locale"
	$sudo sed -i 's/^# *\(zh_CN\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
	grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
	$sudo locale-gen >/dev/null
fi
