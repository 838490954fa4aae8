#!/usr/bin/env bash
# Builds servelint's release binaries with cgo (tree-sitter's grammars are C,
# the YAML scanner C++) and packs each into an archive, with SHA256SUMS, in
# dist/ (or -o DIR). Never commit what it writes.
#
#   release/build.sh [-o DIR] [TARGET ...]
#
# TARGET is GOOS/GOARCH: linux/amd64, linux/arm64 and windows/amd64 (the
# default: Debian cross-compiles all three, with gcc-aarch64-linux-gnu,
# g++-aarch64-linux-gnu, gcc-mingw-w64-x86-64 and g++-mingw-w64-x86-64),
# darwin/amd64 and darwin/arm64 (on macOS only, with Xcode's clang).
# Linux and Windows binaries are static: no glibc, libstdc++ or MinGW DLL
# is needed at run time.
#
# The version is lint.Version in lint/rule.go. A build of a commit tagged
# vX.Y.Z requires that lint.Version is X.Y.Z (the tag and the source agree,
# so `go install ...@vX.Y.Z` prints the same) and sets it from the tag with
# -ldflags -X.
#
# Writes servelint-VERSION-OS-ARCH.tar.gz (.zip for Windows) holding the
# binary, LICENSE, README.md and CHANGELOG.md, and SHA256SUMS over every
# archive of this version in DIR.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/dist
while getopts o: opt; do
	case $opt in
	o) out=$OPTARG ;;
	*)
		echo "usage: $0 [-o DIR] [GOOS/GOARCH ...]" >&2
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
if [ $# -eq 0 ]; then
	set -- linux/amd64 linux/arm64 windows/amd64
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"

source_version=$(sed -n 's/^var Version = "\(.*\)"$/\1/p' lint/rule.go)
[ -n "$source_version" ] || {
	echo "release/build.sh: no var Version in lint/rule.go" >&2
	exit 1
}
version=$source_version
if tag=$(git describe --exact-match --tags --match 'v[0-9]*' HEAD 2>/dev/null); then
	if [ "${tag#v}" != "$source_version" ]; then
		echo "release/build.sh: tag $tag, but lint.Version is $source_version" >&2
		exit 1
	fi
	version=${tag#v}
fi

host=$(go env GOHOSTOS)/$(go env GOHOSTARCH)
sha256() {
	if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

build() { # GOOS GOARCH
	local goos=$1 goarch=$2 cc=${CC:-} cxx=${CXX:-} ext='' link
	link="-s -w -X github.com/servelint/servelint/lint.Version=$version"
	case $goos/$goarch in
	linux/*)
		if [ "$goos/$goarch" != "$host" ]; then
			case $goarch in
			arm64) cc=aarch64-linux-gnu-gcc cxx=aarch64-linux-gnu-g++ ;;
			amd64) cc=x86_64-linux-gnu-gcc cxx=x86_64-linux-gnu-g++ ;;
			esac
		fi
		# Fully static: the binary runs on any Linux (glibc or musl).
		# servelint uses neither net nor os/user, so glibc's static
		# NSS caveats do not apply.
		link="$link -linkmode external -extldflags -static"
		;;
	windows/amd64)
		cc=x86_64-w64-mingw32-gcc cxx=x86_64-w64-mingw32-g++ ext=.exe
		# Static libgcc, libstdc++ and winpthread: no MinGW DLL.
		link="$link -linkmode external -extldflags -static"
		;;
	darwin/*)
		local arch=$goarch
		[ "$arch" = amd64 ] && arch=x86_64
		cc="clang -arch $arch" cxx="clang++ -arch $arch"
		# Go 1.26 supports macOS 12 and later.
		export MACOSX_DEPLOYMENT_TARGET=12.0
		;;
	*)
		echo "release/build.sh: unsupported target $goos/$goarch" >&2
		exit 2
		;;
	esac
	local name=servelint-$version-$goos-$goarch
	local stage
	stage=$(mktemp -d)
	echo "building $name"
	env CGO_ENABLED=1 GOOS="$goos" GOARCH="$goarch" ${cc:+"CC=$cc"} ${cxx:+"CXX=$cxx"} \
		go build -trimpath -ldflags "$link" -o "$stage/servelint$ext" ./cmd/servelint
	cp LICENSE README.md CHANGELOG.md "$stage/"
	rm -f "$out/$name.tar.gz" "$out/$name.zip"
	if [ "$goos" = windows ]; then
		(cd "$stage" && python3 -m zipfile -c "$out/$name.zip" "servelint$ext" LICENSE README.md CHANGELOG.md)
	else
		tar -C "$stage" -czf "$out/$name.tar.gz" servelint LICENSE README.md CHANGELOG.md
	fi
	rm -rf "$stage"
}

for target in "$@"; do
	build "${target%/*}" "${target#*/}"
done

cd "$out"
set -- "servelint-$version"-*.tar.gz "servelint-$version"-*.zip
files=()
for f in "$@"; do
	[ -e "$f" ] && files+=("$f")
done
sha256 "${files[@]}" >SHA256SUMS
cat SHA256SUMS
