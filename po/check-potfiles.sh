#!/usr/bin/env bash
# Checks po/POTFILES.in against the sources: every C file under src/ that marks
# strings for translation (_(), N_(), C_(), NC_(), ngettext) and every .ui file
# with translatable="yes" must be listed, and every listed file must exist.
# Usage: po/check-potfiles.sh [SOURCE_ROOT]
set -euo pipefail
root="${1:-$(dirname "$0")/..}"
cd "$root"

listed=$(grep -v '^[[:space:]]*\(#\|$\)' po/POTFILES.in | sort -u)
status=0

while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in: $f does not exist" >&2
    status=1
  fi
done <<< "$listed"

marked=$( {
  grep -rlE --include='*.c' --include='*.h' \
    '(^|[^[:alnum:]_])(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' src || true
  grep -rlE --include='*.ui' 'translatable="(yes|true)"' src ui 2>/dev/null || true
} | sort -u)

while IFS= read -r f; do
  [ -n "$f" ] || continue
  if ! grep -qxF "$f" <<< "$listed"; then
    echo "po/POTFILES.in: $f marks strings for translation but is not listed" >&2
    status=1
  fi
done <<< "$marked"

# A C source listed without any marked string is stale.
while IFS= read -r f; do
  case "$f" in
    src/*.c|src/*.h|src/*.ui|ui/*.ui)
      if [ -f "$f" ] && ! grep -qxF "$f" <<< "$marked"; then
        echo "po/POTFILES.in: $f is listed but marks no string for translation" >&2
        status=1
      fi ;;
  esac
done <<< "$listed"

if [ "$status" -eq 0 ]; then
  echo "po/POTFILES.in lists all $(grep -c . <<< "$marked") source files with translatable strings"
fi
exit "$status"
