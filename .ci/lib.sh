# Shared by .ci/test and .ci/app: installs what the build needs from Debian.
# Sourced, not run.

PW_DEBIAN_PACKAGES=(
  meson ninja-build pkg-config gcc clang libclang-rt-14-dev
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libcairo2-dev libpango1.0-dev
  libgtk-4-dev libadwaita-1-dev gettext desktop-file-utils appstream
  xvfb xauth xdotool librsvg2-bin poppler-utils fonts-dejavu-core python3
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good libgif-dev
  shared-mime-info yelp-tools bash-completion groff-base
  dbus-daemon at-spi2-core python3-pyatspi
)

# Installs the packages of PW_DEBIAN_PACKAGES that dpkg does not know as
# installed; runs `apt-get update` once, and only when something is missing.
pw_install_packages ()
{
  local missing=() p sudo=()
  for p in "${PW_DEBIAN_PACKAGES[@]}"; do
    if ! dpkg -s "$p" > /dev/null 2>&1; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "== all ${#PW_DEBIAN_PACKAGES[@]} Debian packages are installed"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  echo "== installing ${missing[*]}"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

# pw_setup BUILDDIR [meson setup options...]: configures BUILDDIR, or
# reconfigures it with the same options when it already exists.
pw_setup ()
{
  local dir="$1"
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@"
  else
    rm -rf "$dir"
    meson setup "$dir" "$@"
  fi
}
