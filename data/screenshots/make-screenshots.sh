#!/usr/bin/env bash
# make-screenshots.sh: screenshots of the desktop app, every built-in example
#
#   data/screenshots/make-screenshots.sh [BUILD_DIR]
#
# Builds nothing: BUILD_DIR (default _build) must hold a built
# src/app/pagewalk, src/cli/pagewalk-cli and data/gschemas.compiled.  For
# every example (`pagewalk-cli examples`) it starts the app on a virtual X
# display (Xvfb, one per size), steps (Right) to its first access, and
# saves the Overview in light and dark as
#   data/screenshots/EXAMPLE-overview-WxH-light.png   (and -dark.png)
# and, for a few examples, presentation mode (F5) as
#   data/screenshots/EXAMPLE-presentation-WxH-light.png
# It overwrites earlier screenshots and leaves no process running.
#
# The environment may narrow the work:
#   SIZES="1280x800 1920x1080"    the screen sizes
#   THEMES="light dark"           the color schemes
#   EXAMPLES="seed tlb"           the examples (default: all of them)
#   PRESENT="seed x86-64 tlb"     the examples also shot in presentation mode
#   STEPS=1                       how many times Right is pressed (default:
#                                 to the example's first access)
#   LOAD=1.2                      seconds to wait for the scenario to load
#   SETTLE=0.6                    seconds to wait before a screenshot
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-_build}
sizes=${SIZES:-1280x800 1920x1080}
themes=${THEMES:-light dark}
present=${PRESENT:-seed x86-64 tlb}
steps=${STEPS:-}
settle=${SETTLE:-0.6}
load=${LOAD:-1.2}

die ()
{
  echo "make-screenshots.sh: $*" >&2
  exit 1
}

# ---- tools ---------------------------------------------------------------------------

missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
command -v import >/dev/null || missing+=(imagemagick)
command -v timeout >/dev/null || missing+=(coreutils)
# the dark style is asked through org.gnome.desktop.interface color-scheme
found_interface=no
IFS=: read -ra data_dirs <<< "${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
for d in "${data_dirs[@]}"; do
  [ -e "$d/glib-2.0/schemas/org.gnome.desktop.interface.gschema.xml" ] && found_interface=yes
done
[ "$found_interface" = yes ] || missing+=(gsettings-desktop-schemas)
if [ "${#missing[@]}" -gt 0 ]; then
  die "missing tools; install them with: apt-get install ${missing[*]}"
fi

app=$build/src/app/pagewalk
cli=$build/src/cli/pagewalk-cli
[ -x "$app" ] || die "$app is not built (meson compile -C $build; the app needs GTK 4.8 and libadwaita 1.2)"
[ -x "$cli" ] || die "$cli is not built (meson compile -C $build)"
[ -e "$build/data/gschemas.compiled" ] || die "$build/data/gschemas.compiled is missing (meson compile -C $build)"
build=$(cd "$build" && pwd)
app=$build/src/app/pagewalk

if [ -n "${EXAMPLES:-}" ]; then
  read -ra examples <<< "$EXAMPLES"
else
  mapfile -t examples < <("$cli" examples | awk '{ print $1 }')
fi
[ "${#examples[@]}" -gt 0 ] || die "no examples"

# ---- processes, cleaned up on every exit ------------------------------------------------

tmp=$(mktemp -d)
xvfb_pid=
app_pid=

stop_app ()
{
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
  fi
}

stop_xvfb ()
{
  stop_app
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=
  fi
}

cleanup ()
{
  stop_xvfb
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# An X server of SIZE on a free display; sets DISPLAY.
start_xvfb ()
{
  local size=$1 display=

  : > "$tmp/display"
  Xvfb -displayfd 5 -screen 0 "${size}x24" -nolisten tcp -noreset \
       5> "$tmp/display" > "$tmp/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do
    display=$(cat "$tmp/display")
    [ -n "$display" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb failed: $(cat "$tmp/xvfb.log")"
    sleep 0.05
  done
  [ -n "$display" ] || die "Xvfb gave no display"
  export DISPLAY=":$display"
}

# The settings of one run: the window fills the screen, the style is THEME,
# no animation (a step shows its end at once).
write_settings ()
{
  local width=$1 height=$2 theme=$3 scheme=default

  [ "$theme" = dark ] && scheme=prefer-dark
  rm -rf "$tmp/config"
  mkdir -p "$tmp/config/glib-2.0/settings" "$tmp/config/gtk-4.0"
  cat > "$tmp/config/glib-2.0/settings/keyfile" <<EOF
[org/gnome/desktop/interface]
color-scheme='$scheme'

[io/github/pagewalk/Pagewalk]
window-width=$width
window-height=$height
EOF
  cat > "$tmp/config/gtk-4.0/settings.ini" <<EOF
[Settings]
gtk-enable-animations=false
EOF
}

# How many steps lead to EXAMPLE's first access: most examples begin with
# one; those below first switch, exit or spawn.
first_access ()
{
  case $1 in
    multiprocess|multiprocess-asid) echo 2 ;;
    fragmentation-paged) echo 3 ;;
    fragmentation) echo 4 ;;
    *) echo 1 ;;
  esac
}

# Shoot EXAMPLE at SIZE in THEME: the overview, and presentation mode if
# PRESENTING is yes.
shoot ()
{
  local example=$1 size=$2 theme=$3 presenting=$4 window

  write_settings "${size%x*}" "${size#*x}" "$theme"
  env GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config" \
      GSETTINGS_SCHEMA_DIR="$build/data" ADW_DISABLE_PORTAL=1 NO_AT_BRIDGE=1 \
      "$app" "$example" > "$tmp/app.log" 2>&1 &
  app_pid=$!
  window=$(timeout 20 xdotool search --sync --onlyvisible --class pagewalk | head -n 1) \
    || die "$example: no window ($(cat "$tmp/app.log"))"
  xdotool windowfocus --sync "$window"
  # the scenario loads in a worker thread, and a key pressed before the
  # window has drawn the scenario is lost
  sleep "$load"
  for _ in $(seq "${steps:-$(first_access "$example")}"); do
    xdotool key --delay 150 Right
  done
  sleep "$settle"
  import -window root -strip "$here/$example-overview-$size-$theme.png"
  echo "  $example-overview-$size-$theme.png"
  if [ "$presenting" = yes ]; then
    xdotool key F5
    sleep "$settle"
    import -window root -strip "$here/$example-presentation-$size-$theme.png"
    echo "  $example-presentation-$size-$theme.png"
  fi
  stop_app
}

# ---- the screenshots -----------------------------------------------------------------------

for size in $sizes; do
  start_xvfb "$size"
  echo "$size on $DISPLAY:"
  for theme in $themes; do
    for example in "${examples[@]}"; do
      presenting=no
      for p in $present; do
        [ "$p" = "$example" ] && presenting=yes
      done
      shoot "$example" "$size" "$theme" "$presenting"
    done
  done
  stop_xvfb
done
