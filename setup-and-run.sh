#!/bin/sh
# setup-and-run.sh - the README's first command: install what is missing, build,
# and run nianbao on the shipped demo report (a complete 2025 report).
set -eu
top=$(cd "$(dirname "$0")" && pwd)
"$top/tools/install-deps.sh"
"$top/tools/build.sh" "$top/_build"
export NIANBAO_TEMPLATE_PATH="$top/templates" NIANBAO_LOCALEDIR="$top/_build/locale"
# A copy to play with; what was typed into it in an earlier run is kept.
[ -e "$top/_build/demo-2025.nb" ] || cp "$top/examples/demo-2025.nb" "$top/_build/demo-2025.nb"
echo
echo "== nianbao _build/demo-2025.nb (a copy of examples/demo-2025.nb; F1 help, ^Q quits) =="
exec "$top/_build/nianbao" "$top/_build/demo-2025.nb"
