#!/usr/bin/env bash
# Usage: check.sh <work-dir>
# The installs the READMEs give, from this checkout, each into a place of its own:
#   1. `python -m build` makes a wheel and an sdist;
#   2. `pip install dist/prodlint-*.whl` into a fresh virtualenv: --version, doctor, and
#      `prodlint check examples/` must print the same findings as this checkout does;
#   3. the sdist installs into another fresh virtualenv and lints examples/ the same way;
#   4. `pipx install .` and 5. `uv tool install .` (private PIPX_HOME / UV_TOOL_DIR) do too.
# build, pipx and uv come from PyPI into $PRODLINT_EDITOR_TOOLS/pytools. Exit 0 = pass.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
[ $# -ge 1 ] || { sed -n '2,9p' "$0"; exit 2; }
w="$1"; rm -rf "$w"; mkdir -p "$w" || exit 1; w="$(cd "$w" && pwd)"
H="${PRODLINT_EDITOR_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/prodlint/editor-tools}"
die() { echo "FAIL: $*"; exit 1; }
unset PYTHONPATH   # an installed prodlint must run from its own site-packages, never from this checkout
ok() { echo "ok   $*"; }

tools="$H/pytools"
if [ ! -x "$tools/bin/pipx" ] || [ ! -x "$tools/bin/uv" ] || [ ! -x "$tools/bin/pyproject-build" ]; then
  python3 -m venv "$tools" || die "python3 -m venv $tools failed"
  "$tools/bin/pip" install -q build pipx uv || die "pip install build pipx uv failed"
fi

# what this checkout reports, run from its sources (the reference for every install below; taken
# again before each comparison, so a tree being edited meanwhile compares like with like)
expect() {
  (cd "$repo" && PYTHONPATH="$repo/server:$repo/rules" python3 -m prodlint check examples/ > "$w/expected.txt")
  [ $? -eq 1 ] || die "the checkout's own \`prodlint check examples/\` did not exit 1 (findings)"
  [ -s "$w/expected.txt" ] || die "the checkout's own run printed no findings"
}

# compares an installed prodlint's findings on examples/ with the checkout's (run from the repo
# root so paths match; the installed entry point never imports from the current directory)
lints_like_checkout() { # label, prodlint executable
  local label="$1" exe="$2"
  expect
  "$exe" --version > "$w/$label.version" 2>&1 || die "$label: prodlint --version failed"
  grep -q "^prodlint [0-9]" "$w/$label.version" || die "$label: --version printed $(cat "$w/$label.version")"
  (cd "$repo" && "$exe" check examples/ > "$w/$label.txt" 2> "$w/$label.err")
  local rc=$?
  [ $rc -eq 1 ] || { cat "$w/$label.err"; die "$label: prodlint check examples/ exited $rc, not 1"; }
  diff -u "$w/expected.txt" "$w/$label.txt" > "$w/$label.diff" || { head -20 "$w/$label.diff"; die "$label: findings differ from the checkout's"; }
  ok "$label: $(cat "$w/$label.version"), $(wc -l < "$w/$label.txt") finding lines identical to the checkout's"
}

# 1. wheel + sdist
"$tools/bin/pyproject-build" --outdir "$w/dist" "$repo" > "$w/build.log" 2>&1 || { tail -20 "$w/build.log"; die "python -m build failed"; }
wheel="$(ls "$w"/dist/prodlint-*.whl 2>/dev/null | head -1)"; sdist="$(ls "$w"/dist/prodlint-*.tar.gz 2>/dev/null | head -1)"
[ -f "$wheel" ] && [ -f "$sdist" ] || die "python -m build made no wheel/sdist: $(ls "$w/dist")"
ok "built $(basename "$wheel") and $(basename "$sdist")"
python3 - "$wheel" <<'PY' || die "the wheel's contents are wrong"
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
need = ["prodlint/cli.py", "prodlint/doctor.py", "prodlint/lsp/serve.py", "prodlint_rules/__init__.py"]
missing = [n for n in need if n not in names]
leaked = [n for n in names if ".examples/" in n or n.startswith(("tests/", "editors/"))]
assert not missing and not leaked, (missing, leaked[:5])
print(f"ok   wheel holds {len(names)} files, no tests or rule examples")
PY

# 2. the wheel in a fresh virtualenv
python3 -m venv "$w/venv-wheel" || die "venv failed"
(cd "$w" && "$w/venv-wheel/bin/pip" install -q "dist/$(basename "$wheel")") > "$w/pip-wheel.log" 2>&1 \
  || { tail -20 "$w/pip-wheel.log"; die "pip install dist/$(basename "$wheel") failed"; }
where="$(cd / && "$w/venv-wheel/bin/python" -I -c 'import prodlint; print(prodlint.__file__)')"
[[ "$where" == "$w/venv-wheel/"* ]] || die "the venv imports prodlint from $where, not from its site-packages"
lints_like_checkout wheel "$w/venv-wheel/bin/prodlint"
"$w/venv-wheel/bin/prodlint" doctor "$repo/examples" > "$w/doctor.txt" 2>&1 || { cat "$w/doctor.txt"; die "prodlint doctor failed"; }
grep -q "grammar ABI" "$w/doctor.txt" || die "doctor printed no grammar versions"
ok "prodlint doctor from the wheel: $(sed -n 2p "$w/doctor.txt")"

# 3. the sdist in another fresh virtualenv
python3 -m venv "$w/venv-sdist" || die "venv failed"
"$w/venv-sdist/bin/pip" install -q "$sdist" > "$w/pip-sdist.log" 2>&1 || { tail -20 "$w/pip-sdist.log"; die "pip install the sdist failed"; }
lints_like_checkout sdist "$w/venv-sdist/bin/prodlint"

# 4. pipx install . / 5. uv tool install . (from the checkout, as the READMEs say)
(cd "$repo" && PIPX_HOME="$w/pipx" PIPX_BIN_DIR="$w/pipx/bin" PIPX_MAN_DIR="$w/pipx/man" "$tools/bin/pipx" install .) \
  > "$w/pipx.log" 2>&1 || { tail -20 "$w/pipx.log"; die "pipx install . failed"; }
lints_like_checkout pipx "$w/pipx/bin/prodlint"
(cd "$repo" && UV_TOOL_DIR="$w/uv" UV_TOOL_BIN_DIR="$w/uv/bin" UV_CACHE_DIR="$w/uv-cache" "$tools/bin/uv" tool install .) \
  > "$w/uv.log" 2>&1 || { tail -20 "$w/uv.log"; die "uv tool install . failed"; }
lints_like_checkout uv "$w/uv/bin/prodlint"
echo "PASS: wheel, sdist, pipx and uv installs all lint examples/ like the checkout"
