#!/usr/bin/env bash
# The screenshot tour under the real window system: every step, every target, each kind of finding,
# each repair, the model states, a running service, scored images, a failure and the smallest window,
# one PNG per state in target/screenshots/ (ScreenshotTourTest). Look at all of them in a minute:
#   tools/screenshot-tour.sh && xdg-open target/screenshots
# Installs Xvfb and GTK 3 when missing (Debian package names; needs root or sudo), then runs the one
# test under xvfb-run with JavaFX's GTK toolkit instead of the headless one the ordinary test run uses.
# Extra arguments go to Maven (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
need=()
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
ls /usr/lib/*/libgtk-3.so.0 >/dev/null 2>&1 || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  echo "screenshot-tour.sh: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
rm -rf target/screenshots
xvfb-run -a -s "-screen 0 1280x900x24" mvn -B -q "$@" test -Dtest=ScreenshotTourTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsecurescore.tour="$PWD/target/screenshots"
echo "screenshot-tour.sh: $(ls target/screenshots | wc -l) pictures in target/screenshots/"
