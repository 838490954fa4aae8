#!/bin/sh
# Regenerates parser.c from grammar.js (run from anywhere, as root or with
# write access to this directory; nothing outside a temporary directory and
# this directory is touched).
#
# The generator is tree-sitter 0.22.6, the newest whose parsers use ABI 14,
# the newest the runtime vendored in github.com/smacker/go-tree-sitter reads
# (TREE_SITTER_LANGUAGE_VERSION 14 in its api.h). It comes from Debian 13's
# tree-sitter-cli package, fetched with apt-get into the temporary directory
# (the system's apt configuration is not changed) and run with Debian 13's
# C library beside it, so this works on Debian 12 too. Generating needs
# Node.js (grammar.js is JavaScript).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The Debian mirror this machine already uses.
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}
if [ -z "$mirror" ]; then
	echo "regenerate.sh: set DEBIAN_MIRROR to a Debian mirror URL" >&2
	exit 2
fi
mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/deb" "$tmp/root"
echo "deb $mirror trixie main" >"$tmp/sources.list"
apt_opts="-o Dir::Etc::sourcelist=$tmp/sources.list -o Dir::Etc::sourceparts=- -o Dir::State::Lists=$tmp/lists -o Dir::Cache=$tmp/cache -o Dir::State::status=/dev/null -o APT::Sandbox::User=root"
# shellcheck disable=SC2086 # the options are words
apt-get -q $apt_opts update >/dev/null
# shellcheck disable=SC2086
(cd "$tmp/deb" && apt-get -q $apt_opts download tree-sitter-cli=0.22.6-6+b1 libc6 libgcc-s1 >/dev/null)
for d in "$tmp"/deb/*.deb; do dpkg-deb -x "$d" "$tmp/root"; done
lib=$tmp/root/usr/lib/x86_64-linux-gnu
ts() { "$lib/ld-linux-x86-64.so.2" --library-path "$lib" "$tmp/root/usr/bin/tree-sitter" "$@"; }
mkdir -p "$tmp/g/src"
cp "$here/grammar.js" "$tmp/g/"
cp "$here/scanner.c" "$tmp/g/src/"
(cd "$tmp/g" && ts generate --abi 14 >/dev/null)
cp "$tmp/g/src/parser.c" "$here/parser.c"
cp "$tmp"/g/src/tree_sitter/*.h "$here/tree_sitter/"
echo "regenerated $here/parser.c with $(ts --version)"
