#!/usr/bin/env bash
# Optional: Emacs 30.1 (built-in eglot 1.17.30) from Debian bookworm-backports, unpacked into
# $PRODLINT_EDITOR_TOOLS/emacs30 WITHOUT touching the system's apt sources or installed emacs
# (private apt lists dir + apt-get download + dpkg -x). Prints the wrapper path to use as EMACS=.
set -uo pipefail
H="${PRODLINT_EDITOR_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/prodlint/editor-tools}"; D="$H/emacs30"
die() { echo "setup-emacs30.sh: $*" >&2; exit 1; }
V="${EMACS30_VERSION:-1:30.1+1-6~bpo12+1}"
if [ ! -x "$D/emacs30.sh" ]; then
  mkdir -p "$D/apt/lists/partial" "$D/debs"
  echo 'deb http://deb.debian.org/debian bookworm-backports main' > "$D/apt/sources.list"
  A=(-o Dir::Etc::SourceList="$D/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent -o Dir::State::Lists="$D/apt/lists")
  apt-get "${A[@]}" update -qq || die "apt-get update (bookworm-backports, private lists) failed"
  # runtime libs (bookworm main); waits up to 10 min for another apt/dpkg to release its lock
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q libgccjit0 libtree-sitter0 libgpm2 >/dev/null \
    || die "apt-get install libgccjit0 libtree-sitter0 libgpm2 failed"
  (cd "$D/debs" && apt-get "${A[@]}" download "emacs-nox=$V" "emacs-bin-common=$V" "emacs-common=$V") \
    || die "apt-get download emacs-nox=$V failed"
  for deb in "$D"/debs/*.deb; do dpkg -x "$deb" "$D/root" || die "dpkg -x $deb failed"; done
  cat > "$D/emacs30.sh" <<'SH'
#!/bin/sh
# Runs the unpacked (not installed) Emacs 30.1; --no-site-file keeps Debian 12's emacs-28 site-start
# (which would put elpa-eglot 1.9 ahead of the built-in eglot) out of the way. A harmless
# "Warning: Lisp directory '/usr/share/emacs/30.1/lisp'" is printed on stderr.
R="$(cd "$(dirname "$0")" && pwd)/root"; L="$R/usr/share/emacs/30.1/lisp"
export EMACSDATA="$R/usr/share/emacs/30.1/etc" EMACSDOC="$R/usr/share/emacs/30.1/etc" \
  EMACSPATH="$R/usr/libexec/emacs/30.1/x86_64-linux-gnu" EMACSLOADPATH="$(find "$L" -type d | tr '\n' ':')"
exec "$R/usr/bin/emacs-nox" --no-site-file --dump-file="$(ls "$R"/usr/libexec/emacs/30.1/x86_64-linux-gnu/*.pdmp)" "$@"
SH
  chmod +x "$D/emacs30.sh"
fi
echo "EMACS=$D/emacs30.sh   # $("$D/emacs30.sh" --version | head -1)"
