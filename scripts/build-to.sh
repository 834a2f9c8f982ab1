#!/usr/bin/env bash
# Builds the action into another directory (default: a temp dir) with the same layout as dist/:
# the bundle plus the main/post shims. For running end-to-end tests against work in progress:
#   DRS_TEST_DIST=$(scripts/build-to.sh /tmp/my-dist) npx vitest run test/e2e
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out/post"
rm -rf "$out/bundle"
npx tsx scripts/gen-validators.ts >/dev/null
# ncc over src/ with the tree-shaken AWS SDK (scripts/build-bundle.ts); fails if the redirect did not take.
npx tsx scripts/build-bundle.ts "$out/bundle" >/dev/null
node scripts/licenses.mjs "$out/bundle/licenses.txt" >/dev/null
# The emulator's DRS model, next to the chunk that reads it (`drs-drill rehearse`, src/rehearse.ts).
cp -r emulator/model "$out/bundle/model"
cp dist/package.json "$out/"
node scripts/shims/install.mjs "$out"
echo "$out"
