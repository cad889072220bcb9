#!/usr/bin/env bash
# citizen.sh: the desktop-integration checks of the suite "citizen"
# (tests/meson.build), one per sub-command:
#
#   citizen.sh mime MIME_XML        the scenario MIME type, through a scratch
#                                   shared-mime-info database
#   citizen.sh flatpak MANIFEST     the Flatpak manifest parses and holds what
#                                   docs/app.md says
#   citizen.sh version VERSION BINARY...
#                                   `BINARY --version` prints “NAME VERSION”
#   citizen.sh man PAGE...          the manual pages format without a warning
#   citizen.sh completion SCRIPT    the bash completion of pagewalk-cli
#                                   (the one on PATH) completes commands,
#                                   options, their values and examples
#   citizen.sh install BUILD_DIR SOURCE_DIR app|no-app COMPLETIONS_DIR
#                                   `meson install --destdir` puts every file
#                                   in place
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

app_id=io.github.pagewalk.Pagewalk
mime_type=application/x-pagewalk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail ()
{
  echo "citizen.sh: $*" >&2
  exit 1
}

# ---- mime -----------------------------------------------------------------------------
# update-mime-database over a copy of the definition, then GIO's guess for a
# .pagewalk file (by its name) and for a scenario with another name (by its
# "pagewalk" key) in that database alone.
check_mime ()
{
  local xml="$1" type
  command -v update-mime-database > /dev/null || fail "update-mime-database is missing (shared-mime-info)"
  mkdir -p "$tmp/share/mime/packages" "$tmp/files"
  cp "$xml" "$tmp/share/mime/packages/$app_id.xml"
  update-mime-database "$tmp/share/mime"
  grep -qx "50:$mime_type:\*.pagewalk" "$tmp/share/mime/globs2" \
    || fail "globs2 does not map *.pagewalk to $mime_type"
  grep -qx "$mime_type application/json" "$tmp/share/mime/subclasses" \
    || fail "$mime_type is not a sub-class of application/json"
  printf '{\n  "pagewalk": 1,\n  "arch": "seed"\n}\n' > "$tmp/files/lesson.pagewalk"
  cp "$tmp/files/lesson.pagewalk" "$tmp/files/lesson"
  command -v gio > /dev/null || fail "gio is missing (libglib2.0-bin)"
  for f in lesson.pagewalk lesson; do
    type=$(XDG_DATA_HOME="$tmp/share" XDG_DATA_DIRS="$tmp/share:/usr/share" \
             gio info -a standard::content-type "$tmp/files/$f" \
           | sed -n 's/^ *standard::content-type: //p')
    [ "$type" = "$mime_type" ] || fail "gio info: $f is “$type”, not $mime_type"
    echo "ok: $f is $type"
  done
}

# ---- flatpak ----------------------------------------------------------------------------
check_flatpak ()
{
  python3 - "$1" "$app_id" <<'PY'
import json, sys
path, app_id = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    m = json.load(f)
def need(cond, what):
    if not cond:
        sys.exit("citizen.sh: %s: %s" % (path, what))
need(m.get("id") == app_id, "id is not " + app_id)
need(m.get("runtime") == "org.gnome.Platform" and m.get("sdk") == "org.gnome.Sdk",
     "not on the GNOME runtime")
need(str(m.get("runtime-version", "")).isdigit() and int(m["runtime-version"]) >= 47,
     "runtime-version is not GNOME 47 or newer")
need(m.get("command") == "pagewalk", "command is not pagewalk")
args = m.get("finish-args", [])
need(sorted(args) == sorted(["--share=ipc", "--socket=fallback-x11", "--socket=wayland",
                             "--device=dri"]),
     "finish-args are not exactly ipc, fallback-x11, wayland and dri: %s" % args)
need(not any(a.startswith("--filesystem") for a in args), "asks for file system access")
mods = m.get("modules", [])
need(mods and mods[-1].get("name") == "pagewalk", "the last module is not pagewalk")
srcs = mods[-1].get("sources", [])
need(any(s.get("type") == "git" and s.get("url", "").startswith("https://")
         and ("tag" in s or "commit" in s) for s in srcs),
     "pagewalk is not built from a git source with a tag or a commit")
need(not any(s.get("type") == "dir" for s in srcs), "pagewalk is built from a directory")
print("ok: %s" % path)
PY
}

# ---- version ------------------------------------------------------------------------------
check_version ()
{
  local version="$1" bin out
  shift
  for bin in "$@"; do
    out=$("$bin" --version)
    [ "$out" = "$(basename "$bin") $version" ] || fail "$bin --version: “$out”"
    echo "ok: $out"
  done
}

# ---- man ----------------------------------------------------------------------------------
check_man ()
{
  local page warnings
  command -v groff > /dev/null || fail "groff is missing (groff-base)"
  for page in "$@"; do
    warnings=$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$page" 2>&1)
    [ -z "$warnings" ] || fail "$page: $warnings"
    grep -q '^\.SH NAME' "$page" || fail "$page has no NAME section"
    echo "ok: $page"
  done
}

# ---- completion -------------------------------------------------------------------------
# Completes a command line as bash does on Tab (COMP_WORDS, the word under
# the cursor last) and compares the candidates.
check_completion ()
{
  local script="$1"
  bash -c '
    set -u
    source "$1"
    status=0
    expect () {
      local want="$1"; shift
      COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
      COMPREPLY=()
      _pagewalk_cli
      got="${COMPREPLY[*]}"
      if [ "$got" = "$want" ]; then
        echo "ok: [$*] -> $got"
      else
        echo "FAIL: [$*] -> “$got”, not “$want”" >&2
        status=1
      fi
    }
    expect "export examples" pagewalk-cli ex
    expect "translate" pagewalk-cli tr
    expect "pagetable physical" pagewalk-cli export seed --view p
    expect "lru" pagewalk-cli run belady --policy l
    expect "--stats-only" pagewalk-cli run belady --st
    expect "supervisor" pagewalk-cli translate seed 0x2150 --mode s
    expect "x86-32-split x86-64" pagewalk-cli translate x8
    expect "svg" pagewalk-cli export seed -o - --format s
    expect "state" pagewalk-cli help st
    expect "--help --version" pagewalk-cli --
    exit $status
  ' citizen-completion "$script"
}

# ---- install ----------------------------------------------------------------------------
option_value ()
{
  meson introspect "$1" --buildoptions \
    | python3 -c 'import json,sys; print({o["name"]: o["value"] for o in json.load(sys.stdin)}[sys.argv[1]])' "$2"
}

check_install ()
{
  local build="$1" source="$2" app="$3" completions="$4"
  local prefix datadir mandir missing=0 f lang
  local files=()
  command -v meson > /dev/null || fail "meson is missing"
  meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/root" > "$tmp/install.log" 2>&1 \
    || { cat "$tmp/install.log" >&2; fail "meson install failed"; }
  prefix=$(option_value "$build" prefix)
  datadir=$(option_value "$build" datadir)
  mandir=$(option_value "$build" mandir)
  case "$datadir" in /*) ;; *) datadir="$prefix/$datadir" ;; esac
  case "$mandir" in /*) ;; *) mandir="$prefix/$mandir" ;; esac
  files=(
    "$prefix/bin/pagewalk-cli"
    "$mandir/man1/pagewalk-cli.1"
    "$completions/pagewalk-cli"
  )
  if [ "$app" = app ]; then
    files+=(
      "$prefix/bin/pagewalk"
      "$datadir/applications/$app_id.desktop"
      "$datadir/metainfo/$app_id.metainfo.xml"
      "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
      "$datadir/mime/packages/$app_id.xml"
      "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
      "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
      "$datadir/help/C/pagewalk/index.page"
      "$mandir/man1/pagewalk.1"
      "$completions/pagewalk"
    )
  fi
  # the catalogues of the languages po/LINGUAS lists
  while read -r lang; do
    files+=("$datadir/locale/$lang/LC_MESSAGES/pagewalk.mo")
  done < <(grep -v '^[[:space:]]*\(#\|$\)' "$source/po/LINGUAS" | tr ' ' '\n' | grep -v '^$' || true)
  for f in "${files[@]}"; do
    if [ -e "$tmp/root$f" ]; then
      echo "ok: $f"
    else
      echo "missing: $f" >&2
      missing=1
    fi
  done
  [ "$missing" -eq 0 ] || fail "meson install left files out"
  # the manual pages carry the version of meson.build
  grep -q "Pagewalk $(meson introspect "$build" --projectinfo \
                      | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')" \
    "$tmp/root$mandir/man1/pagewalk-cli.1" || fail "pagewalk-cli.1 does not carry the version"
}

case "${1:-}" in
  mime) check_mime "$2" ;;
  flatpak) check_flatpak "$2" ;;
  man) shift; check_man "$@" ;;
  version) shift; check_version "$@" ;;
  completion) check_completion "$2" ;;
  install) check_install "$2" "$3" "$4" "$5" ;;
  *) fail "usage: citizen.sh mime|flatpak|version|man|completion|install ARG..." ;;
esac
