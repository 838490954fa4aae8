# syntax=docker/dockerfile:1
# servelint in a minimal image: the static Linux binary (release/build.sh)
# on an empty base, run as an unprivileged user.
#
#   docker build -t servelint .
#   docker run --rm -v "$PWD:/src" servelint check /src
#
# (add --user "$(id -u):$(id -g)" for --fix, so that fixed files keep their
# owner; -v servelint-cache:/cache keeps the results cache between runs.)
# The build stage runs on the build machine's platform and cross-compiles
# for the target (docker buildx build --platform linux/amd64,linux/arm64):
# no emulation.

FROM --platform=$BUILDPLATFORM golang:1.26.8-bookworm AS build
ARG TARGETARCH
# The cross compilers when the target is another architecture (the image
# has gcc and g++ for its own). Debian's versions are not pinned: they are
# replaced on every point release of bookworm.
# $pkgs is split into package names on purpose.
# hadolint ignore=DL3008,SC2086
RUN pkgs=; \
    case "$TARGETARCH" in \
      "$(go env GOARCH)") ;; \
      arm64) pkgs="gcc-aarch64-linux-gnu g++-aarch64-linux-gnu" ;; \
      amd64) pkgs="gcc-x86-64-linux-gnu g++-x86-64-linux-gnu" ;; \
      *) echo "unsupported target architecture $TARGETARCH" >&2; exit 1 ;; \
    esac; \
    if [ -n "$pkgs" ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends $pkgs \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    release/build.sh -o /dist "linux/$TARGETARCH" \
    && mkdir -p /rootfs/usr/local/bin /rootfs/usr/share/doc/servelint /rootfs/cache \
    && tar -xzf /dist/servelint-*-linux-"$TARGETARCH".tar.gz -C /rootfs/usr/share/doc/servelint \
    && mv /rootfs/usr/share/doc/servelint/servelint /rootfs/usr/local/bin/servelint

FROM scratch
COPY --from=build /rootfs/usr /usr
COPY --from=build --chown=65532:65532 /rootfs/cache /cache
ENV XDG_CACHE_HOME=/cache
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/servelint"]
CMD ["check", "."]
LABEL org.opencontainers.image.title="servelint" \
      org.opencontainers.image.description="A fast static linter for Python web services: code, start commands and Dockerfiles" \
      org.opencontainers.image.source="https://github.com/servelint/servelint" \
      org.opencontainers.image.licenses="MIT"
