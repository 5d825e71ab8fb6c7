# Shared by record, oracle and judge: find Go, build the recorder with the default module and build caches
# (outside the clone) into ${XDG_CACHE_HOME:-$HOME/.cache}/identify-wire-interop/go-libp2p/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin_dir="${XDG_CACHE_HOME:-$HOME/.cache}/identify-wire-interop/go-libp2p"
recorder="$bin_dir/recorder"
if ! command -v go >/dev/null 2>&1; then
  echo "################################################################" >&2
  echo "# SKIPPED: go not found (go-libp2p $(basename "$0") not run)" >&2
  echo "################################################################" >&2
  echo "SKIPPED: go not found"
  exit 0
fi
mkdir -p "$bin_dir"
(cd "$here" && go build -o "$recorder" .) >&2
