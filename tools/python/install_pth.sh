#!/usr/bin/env bash
# Makes `import ccsim` work for the system python3: writes ccsim.pth, naming this checkout's
# build/python, into python3's site-packages folder for local packages
# (/usr/local/lib/python3.X/dist-packages on Debian). Run by tools/setup.sh after the module is
# built; as root (or with sudo available). Nothing is downloaded or copied: rebuilding updates
# the module in place.
set -euo pipefail
cd "$(dirname "$0")/../.."
python="$(sed -n 's/^Python_EXECUTABLE:FILEPATH=//p' build/CMakeCache.txt)"
python="${python:-/usr/bin/python3}"
site="$("$python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
pth="$site/ccsim.pth"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo mkdir -p "$site"
echo "$PWD/build/python" | $sudo tee "$pth" >/dev/null
(cd / && "$python" -c 'import ccsim') || { echo "ccsim: $python cannot import ccsim after writing $pth" >&2; exit 1; }
echo "ccsim: $python imports ccsim from $PWD/build/python (via $pth)" >&2
