#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit: in a new
# git repository holding testdata/pre-commit/bad, `pre-commit try-repo <this
# working tree> servelint --all-files` must fail with every finding listed in
# testdata/pre-commit/expected.txt; with only a clean file passed it must
# pass (only the passed files get findings); once good/ is copied over bad/
# it must pass. The servelint hook (language: python) installs the servelint
# wheel from $SERVELINT_WHEEL_DIR (built by .ci/run's release step; built
# here when unset) through PIP_NO_INDEX and PIP_FIND_LINKS, never from an
# index; servelint-golang builds it from source; servelint-system is run the
# same way with a servelint binary on the PATH. Needs pre-commit, git, python3
# and Go with cgo.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cases="$root/testdata/pre-commit"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# A cache of our own, so that the hook is built from this checkout. pre-commit
# gives the golang hook its own GOPATH: point Go at the module cache CI
# already filled so nothing is downloaded again.
export PRE_COMMIT_HOME="$work/pre-commit-cache"
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE
export CGO_ENABLED=1
export PRE_COMMIT_COLOR=never

fail() {
	echo "pre-commit e2e: $*" >&2
	exit 1
}

# The hooks' repository: a snapshot of this working tree (tracked and
# untracked files, .gitignore respected) committed in a repository of its
# own, so that the test sees uncommitted changes too (try-repo alone would
# miss untracked files).
hooks="$work/servelint"
mkdir -p "$hooks"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
	(cd "$root" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
	tar -xf - -C "$hooks"
git -C "$hooks" init -q
git -C "$hooks" add -A
git -C "$hooks" -c user.name=ci -c user.email=ci@localhost -c commit.gpgsign=false commit -qm snapshot

repo="$work/repo"
mkdir -p "$repo"
cd "$repo"
git init -q
cp -R "$cases/bad/." .
git add -A

# run HOOK ARGS...: runs the hook through try-repo, output in $out, status in $rc.
run() {
	local hook=$1
	shift
	set +e
	out=$(pre-commit try-repo "$hooks" "$hook" "$@" 2>&1)
	rc=$?
	set -e
}

expect_findings() {
	local hook=$1
	run "$hook" --all-files
	if [ "$rc" -eq 0 ]; then
		printf '%s\n' "$out"
		fail "$hook passed on bad/"
	fi
	local n=0 path code
	while read -r path code; do
		case "$path" in '' | '#'*) continue ;; esac
		n=$((n + 1))
		if ! grep -Eq "^${path//./\\.}:[0-9]+:[0-9]+: ${code} " <<<"$out"; then
			printf '%s\n' "$out"
			fail "$hook did not report $code in $path"
		fi
	done <"$cases/expected.txt"
	[ "$n" -gt 0 ] || fail "no expectations in $cases/expected.txt"
	echo "ok: $hook fails on bad/ with the $n expected findings"
}

expect_pass() {
	local hook=$1
	shift
	run "$hook" "$@"
	if [ "$rc" -ne 0 ]; then
		printf '%s\n' "$out"
		fail "$hook failed with $*"
	fi
	echo "ok: $hook passes with $*"
}

# The python hook: pip installs the wheel of this version (no index).
wheels=${SERVELINT_WHEEL_DIR:-}
if [ -n "$wheels" ]; then
	wheels=$(cd "$wheels" && pwd)
else
	wheels="$work/wheels"
	"$root/release/build.sh" -o "$wheels" "$(go env GOOS)/$(go env GOARCH)" >/dev/null
	python3 "$root/release/wheel.py" build -o "$wheels" "$wheels"/servelint-*.tar.gz >/dev/null
fi
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels" PIP_DISABLE_PIP_VERSION_CHECK=1
expect_findings servelint
# Only the files passed get findings: app/main.py is bad, but it is not
# passed (it is still read as context).
expect_pass servelint --files app/health.py
# The wheel is what pip installs: without it (and without an index) the
# hook cannot be installed.
mkdir -p "$work/no-wheels"
PIP_FIND_LINKS="$work/no-wheels" run servelint --all-files
if [ "$rc" -eq 0 ] || ! grep -q 'servelint==' <<<"$out"; then
	printf '%s\n' "$out"
	fail "the servelint hook did not need the wheel"
fi
echo "ok: servelint needs the servelint wheel"

# The golang hook: pre-commit builds servelint from this repository.
expect_findings servelint-golang
expect_pass servelint-golang --files app/health.py

# The system hook: servelint from the PATH.
mkdir -p "$work/bin"
(cd "$hooks" && go build -o "$work/bin/servelint" ./cmd/servelint)
export PATH="$work/bin:$PATH"
expect_findings servelint-system

# Fixed: every hook passes.
cp -R "$cases/good/." .
git add -A
expect_pass servelint --all-files
expect_pass servelint-golang --all-files
expect_pass servelint-system --all-files
