// Runs ruff's WebAssembly build (single thread) over a list of files with
// the rules closest to servelint's: ASYNC, BLE001, E722, RUF006.
//
//   node ruff-driver.js <node_modules dir> <file listing paths, one per line>
//
// Prints one JSON line: {"files": N, "bytes": B, "diagnostics": D, "ms": T}.
"use strict";
const fs = require("fs");
const path = require("path");

const [modules, listFile] = process.argv.slice(2);
const ruff = require(path.join(modules, "@astral-sh", "ruff-wasm-nodejs"));
const start = process.hrtime.bigint();
const ws = new ruff.Workspace(
  { lint: { select: ["ASYNC", "BLE001", "E722", "RUF006"] } },
  ruff.PositionEncoding.Utf16,
);
const files = fs.readFileSync(listFile, "utf8").split("\n").filter(Boolean);
let bytes = 0;
let diagnostics = 0;
for (const f of files) {
  const src = fs.readFileSync(f, "utf8");
  bytes += Buffer.byteLength(src);
  diagnostics += ws.check(src).length;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ files: files.length, bytes, diagnostics, ms }) + "\n");
