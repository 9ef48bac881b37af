#!/usr/bin/env bash
# Installs Mesa's software Vulkan driver (lavapipe) from Debian bookworm-backports into a folder of
# the project's cache, so ONNX Runtime's WebGPU provider (Dawn on Vulkan) has an adapter on a
# machine without a GPU. Nothing is installed system-wide: the .deb files are unpacked with
# dpkg-deb into $DEST/root, and the driver is selected with VK_DRIVER_FILES.
#
#   bash scripts/install-lavapipe.sh [DEST]      (default DEST: .cache/lavapipe)
#
# Why backports: Dawn rejects bookworm's Mesa 22.3.6 lavapipe ("shaderUniform*ArrayDynamicIndexing
# required"); bookworm-backports carries Mesa 25. Its mesa-vulkan-drivers needs libdrm >= 2.4.121,
# also from backports; the Vulkan loader (libvulkan1) comes from bookworm. The other dependencies
# (libLLVM-15, libxcb*, libwayland-client0, ...) are on the machine image; the ldd check below
# names any that is not.
#
# On success it writes $DEST/lavapipe.env (VK_DRIVER_FILES and LD_LIBRARY_PATH, for `source` or for
# test/gpu/webgpu.e2e.test.ts) and prints one line. On failure it writes the reason to
# $DEST/skip-reason, prints "WebGPU check skipped: <reason>" and exits 0: CI goes on without the
# WebGPU check, and says so.
set -uo pipefail
cd "$(dirname "$0")/.."
DEST="${1:-.cache/lavapipe}"
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
ROOT="$DEST/root"
LIBDIR="$ROOT/usr/lib/x86_64-linux-gnu"
rm -f "$DEST/skip-reason" "$DEST/lavapipe.env"

skip() {
  echo "$1" > "$DEST/skip-reason"
  echo "WebGPU check skipped: $1"
  exit 0
}

[ "$(uname -m)" = x86_64 ] || skip "lavapipe from Debian is installed for x86_64 only, this is $(uname -m)"
command -v apt-get > /dev/null && command -v dpkg-deb > /dev/null || skip "apt-get/dpkg-deb not found (not a Debian machine)"

# A private apt configuration: the system's sources and lists are left as they are.
APT="$DEST/apt"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$DEST/debs"
cat > "$APT/sources.list" << 'EOF'
deb http://deb.debian.org/debian bookworm-backports main
deb http://deb.debian.org/debian bookworm main
EOF
apt_opts=(
  -o "Dir::Etc::SourceList=$APT/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$APT/lists"
  -o "Dir::Cache=$APT/cache"
  -o "APT::Sandbox::User=root"
  -q
)
apt-get "${apt_opts[@]}" update > "$DEST/apt-update.log" 2>&1 ||
  skip "apt-get update of bookworm-backports failed: $(tail -n 1 "$DEST/apt-update.log")"
(cd "$DEST/debs" && rm -f ./*.deb && apt-get "${apt_opts[@]}" download \
  mesa-vulkan-drivers/bookworm-backports libdrm2/bookworm-backports libdrm-amdgpu1/bookworm-backports \
  libvulkan1) > "$DEST/apt-download.log" 2>&1 ||
  skip "apt-get download failed: $(grep -E '^(E|W):' "$DEST/apt-download.log" | head -n 1)"

rm -rf "$ROOT"
for deb in "$DEST"/debs/*.deb; do dpkg-deb -x "$deb" "$ROOT" || skip "dpkg-deb -x $deb failed"; done
[ -f "$LIBDIR/libvulkan_lvp.so" ] || skip "libvulkan_lvp.so is not in mesa-vulkan-drivers"

missing=$(LD_LIBRARY_PATH="$LIBDIR" ldd "$LIBDIR/libvulkan_lvp.so" | awk '/not found/ {print $1}' | tr '\n' ' ')
[ -z "$missing" ] || skip "libvulkan_lvp.so needs libraries this machine lacks: $missing"

# The package's ICD file names the library without a path; ours points at the unpacked copy.
api=$(sed -n 's/.*"api_version": *"\([^"]*\)".*/\1/p' "$ROOT/usr/share/vulkan/icd.d/lvp_icd.json")
cat > "$DEST/lvp_icd.json" << EOF
{ "file_format_version": "1.0.0", "ICD": { "library_path": "$LIBDIR/libvulkan_lvp.so", "api_version": "${api:-1.3.0}" } }
EOF
mesa=$(dpkg-deb -f "$DEST"/debs/mesa-vulkan-drivers_*.deb Version)
cat > "$DEST/lavapipe.env" << EOF
VK_DRIVER_FILES=$DEST/lvp_icd.json
LD_LIBRARY_PATH=$LIBDIR
MESA_VERSION=$mesa
EOF
echo "lavapipe (mesa-vulkan-drivers $mesa) unpacked into $DEST; environment in $DEST/lavapipe.env"
