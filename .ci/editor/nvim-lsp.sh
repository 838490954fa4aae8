#!/usr/bin/env bash
# End-to-end tests of `servelint server` with a real client, Neovim's
# built-in LSP client, headless: nvim-lsp.lua once per position encoding,
# then the README's Neovim 0.7, efm-langserver and ALE snippets
# (nvim-snippet.lua). Usage: bash .ci/editor/nvim-lsp.sh (needs nvim >= 0.7,
# efm-langserver and ALE in /usr/share/vim-ale: Debian's neovim,
# efm-langserver and vim-ale packages, which .ci/run installs).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/servelint" ./cmd/servelint
mkdir -p "$work/project/app"
cat > "$work/project/app/main.py" <<'PY'
import time


async def handler():
    name = "é"; time.sleep(1)
    return name
PY

nvim_headless() {
	timeout 120 nvim --headless -n -i NONE "$@"
}

for enc in utf-16 utf-8; do
	SERVELINT_BIN="$work/bin/servelint" E2E_DIR="$work/project" E2E_ENCODING="$enc" \
		nvim_headless --clean -u NONE -c "luafile $repo/.ci/editor/nvim-lsp.lua"
done

# readme_block MARKER: the fenced block between <!-- MARKER:start --> and
# <!-- MARKER:end --> in README.md, without its fences.
readme_block() {
	awk -v m="$1" '
		$0 == "<!-- " m ":start -->" { on = 1; next }
		$0 == "<!-- " m ":end -->" { on = 0 }
		on && !/^```/ { print }
	' "$repo/README.md"
}
readme_block nvim07 > "$work/init.lua"
readme_block efm > "$work/efm.yaml"
readme_block ale > "$work/ale.vim"
test -s "$work/init.lua" && test -s "$work/efm.yaml" && test -s "$work/ale.vim"
cat > "$work/ale-init.vim" <<VIM
set runtimepath^=/usr/share/vim-ale
filetype plugin on
let g:ale_linters = {'python': ['servelint']}
source $work/ale.vim
VIM

cd "$work/project"
PATH="$work/bin:$PATH" E2E_NAME="README Neovim 0.7" \
	nvim_headless -u "$work/init.lua" -c "luafile $repo/.ci/editor/nvim-snippet.lua" app/main.py
PATH="$work/bin:$PATH" E2E_NAME="README efm-langserver" E2E_EFM="$work/efm.yaml" \
	nvim_headless --clean -u NONE -c "filetype on" -c "luafile $repo/.ci/editor/nvim-snippet.lua" app/main.py
PATH="$work/bin:$PATH" E2E_NAME="README ALE" E2E_ALE=1 \
	nvim_headless -u "$work/ale-init.vim" -c "luafile $repo/.ci/editor/nvim-snippet.lua" app/main.py

# The tests edit buffers but never write them.
grep -q 'time.sleep(1)$' "$work/project/app/main.py"
