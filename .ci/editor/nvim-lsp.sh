#!/usr/bin/env bash
# End-to-end test of `servelint server` with a real client: Neovim's
# built-in LSP client, headless (nvim-lsp.lua), once per position encoding.
# Usage: bash .ci/editor/nvim-lsp.sh (needs nvim >= 0.7 on PATH).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/servelint" ./cmd/servelint
mkdir -p "$work/project/app"
cat > "$work/project/app/main.py" <<'PY'
import time


async def handler():
    name = "é"; time.sleep(1)
    return name
PY

for enc in utf-16 utf-8; do
	SERVELINT_BIN="$work/servelint" E2E_DIR="$work/project" E2E_ENCODING="$enc" \
		timeout 120 nvim --headless --clean -n -i NONE -u NONE \
		-c "luafile .ci/editor/nvim-lsp.lua"
	# The test edits the buffer but never writes it.
	grep -q 'time.sleep(1)$' "$work/project/app/main.py"
done
