#!/usr/bin/env bash
# Usage: scripts/package.sh [TARGET]   (a VS Code target: linux-x64, linux-arm64, darwin-arm64, win32-x64, ...)
# With a target: prodlint-TARGET.vsix, which carries prodlint and its dependencies (bundled/, see
# scripts/bundle_server.py) and runs them with the user's Python 3.10+. Without: prodlint.vsix,
# which carries no server and needs an installed prodlint. Run from anywhere; needs `npm ci` first.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
target="${1:-}"
python="${PYTHON:-python3}"
die() { echo "package.sh: $*" >&2; exit 1; }
npm run -s build || die "npm run build (type-check + bundle) failed"
# relative image links stay relative: the README's screenshots are read from inside the package
vsce=(npx --no-install vsce package --no-dependencies --no-rewrite-relative-links)
if [ -z "$target" ]; then
  rm -rf bundled/libs
  "${vsce[@]}" --out prodlint.vsix || die "vsce package failed"
  exit 0
fi
"$python" scripts/bundle_server.py --target "$target" || die "bundling the server for $target failed"
"${vsce[@]}" --target "$target" --out "prodlint-$target.vsix" || die "vsce package --target $target failed"
