#!/bin/sh
# Installs esops from a GitHub release: picks the archive for this OS and CPU, checks its SHA-256,
# puts `esops` in $ESOPS_INSTALL_DIR (default ~/.local/bin) and its man pages in $ESOPS_MAN_DIR
# (default ~/.local/share/man/man1).
#
#   curl -fsSL https://github.com/esops/esops/releases/latest/download/install.sh | sh
#
# ESOPS_VERSION=v0.2.0 pins a release (default: the latest). ESOPS_DOWNLOAD_URL replaces the
# release's download address (a mirror, or a local directory as file:///path).
set -eu

repo="https://github.com/esops/esops"
version="${ESOPS_VERSION:-latest}"
install_dir="${ESOPS_INSTALL_DIR:-$HOME/.local/bin}"
man_dir="${ESOPS_MAN_DIR:-$HOME/.local/share/man/man1}"

fail() {
  echo "esops installer: $*" >&2
  exit 1
}

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64 | Linux/amd64) target="x86_64-unknown-linux-musl" ;;
  Linux/aarch64 | Linux/arm64) target="aarch64-unknown-linux-musl" ;;
  Darwin/x86_64) target="x86_64-apple-darwin" ;;
  Darwin/arm64) target="aarch64-apple-darwin" ;;
  *) fail "no release binary for $(uname -s) $(uname -m): build from source with \`cargo install --locked esops\`" ;;
esac

if [ -n "${ESOPS_DOWNLOAD_URL:-}" ]; then
  base="$ESOPS_DOWNLOAD_URL"
elif [ "$version" = "latest" ]; then
  base="$repo/releases/latest/download"
else
  base="$repo/releases/download/$version"
fi

command -v curl >/dev/null 2>&1 || fail "curl is needed to download esops"
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d ' ' -f 1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d ' ' -f 1; }
else
  fail "sha256sum or shasum is needed to check the download"
fi

archive="esops-$target.tar.gz"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
curl -fsSL "$base/$archive" -o "$tmp/$archive" || fail "could not download $base/$archive"
curl -fsSL "$base/$archive.sha256" -o "$tmp/$archive.sha256" || fail "could not download $base/$archive.sha256"
expected="$(cut -d ' ' -f 1 <"$tmp/$archive.sha256")"
actual="$(sha256 "$tmp/$archive")"
[ "$expected" = "$actual" ] || fail "$archive: SHA-256 is $actual, the release says $expected; nothing installed"

tar -xzf "$tmp/$archive" -C "$tmp"
mkdir -p "$install_dir"
cp "$tmp/esops-$target/esops" "$install_dir/esops"
chmod 755 "$install_dir/esops"
mkdir -p "$man_dir"
"$install_dir/esops" man --out "$man_dir" 2>/dev/null || echo "esops installer: man pages not written to $man_dir" >&2
echo "installed $("$install_dir/esops" --version) to $install_dir/esops"
case ":$PATH:" in
  *":$install_dir:"*) ;;
  *) echo "add $install_dir to PATH to run it as \`esops\`" ;;
esac
