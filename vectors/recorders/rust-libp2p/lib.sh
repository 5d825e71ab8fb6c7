# Sourced by record, oracle and judge: builds the rust-libp2p tool (target dir outside the clone, so a warm run does
# not rebuild) and sets BIN. Without cargo it prints a loud SKIPPED banner and exits 0.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v cargo >/dev/null 2>&1; then
  echo "################################################################" >&2
  echo "## SKIPPED: cargo not found: rust-libp2p $(basename "$0") not run" >&2
  echo "################################################################" >&2
  # On stdout too, as go-libp2p's lib.sh does: vectors/oracles/run.mjs and vectors/interop/run.mjs read a SKIPPED line
  # there (an oracle that skips prints no JSON at all).
  echo "SKIPPED: cargo not found"
  exit 0
fi
export CARGO_TARGET_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/identify-wire-interop/rust-libp2p/target"
cargo build --quiet --locked --manifest-path "$HERE/Cargo.toml" >&2
BIN="$CARGO_TARGET_DIR/debug/rust-recorder"
