#!/usr/bin/env bash
# Times `Policy::marketplace().is_allowed` of this checkout against an earlier revision
# (and raw aho-corasick), interleaved in one process, on the shared corpora:
#
#     benches/compare/compare.sh [REV] [FILE...]
#
# REV defaults to 72b1464 (before the one-reader redesign); FILEs to the package and
# company names of ../shared/corpora. ROUNDS (default 15) sets the rounds per file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rev="${1:-72b1464}"
shift || true
old="$root/target/compare-old"
rm -rf "$old"
mkdir -p "$old"
git -C "$root" archive "$rev" | tar -x -C "$old"
# The earlier crate under another name: its package, library, features and dependencies,
# nothing else (no workspace, dev-dependencies, examples or benches).
python3 - "$old/Cargo.toml" <<'PY'
import re, sys
path = sys.argv[1]
keep, out = False, []
for line in open(path).read().splitlines():
    header = re.match(r"^\[([^\]]+)\]", line)
    if header:
        keep = header.group(1) in ("package", "lib", "features", "dependencies")
    if keep:
        out.append('name = "name-policy-old"' if line == 'name = "name-policy"' else line)
open(path, "w").write("\n".join(out) + "\n")
PY
if [ "$#" -eq 0 ]; then
    set -- "$root/../shared/corpora/package-names.txt" "$root/../shared/corpora/company-names-intl.txt"
fi
cargo build --quiet --release --manifest-path "$here/Cargo.toml" --target-dir "$root/target/compare"
exec "$root/target/compare/release/name-policy-compare" "$@"
