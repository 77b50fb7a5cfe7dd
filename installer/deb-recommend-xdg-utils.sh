#!/bin/sh
# Makes xdg-utils a recommendation of the .deb instead of a dependency (and drops a dependency
# named twice: deb.conf names libgtk-3-0, which jpackage also finds where GTK is installed).
#
# jpackage puts xdg-utils in Depends because the maintainer scripts call xdg-desktop-menu and
# xdg-mime for the menu entry and the file associations. A server or container has no desktop
# for those (postinst and prerm go on without them), so it should not need xdg-utils, and
# `dpkg -i` should not stop on it and leave the package unconfigured. apt installs
# recommendations by default, so `apt install ./securescore_*.deb` on a desktop still brings it.
#
# Only the control member of the .deb (an ar archive) is replaced: the large data member is not
# unpacked or compressed again. Usage: deb-recommend-xdg-utils.sh FILE.deb
set -eu
deb=$(realpath "$1")
if ! command -v ar >/dev/null 2>&1; then
    echo "deb-recommend-xdg-utils: no 'ar' (binutils) here; $deb keeps xdg-utils in Depends" >&2
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
member=$(ar t "$deb" | grep '^control\.tar')
ar x "$deb" "$member"
mkdir ctl
tar -xf "$member" -C ctl
awk '
/^Depends:/ {
    n = split(substr($0, 10), parts, ",")
    out = ""
    for (i = 1; i <= n; i++) {
        p = parts[i]
        gsub(/^ +| +$/, "", p)
        if (p == "xdg-utils") { found = 1; continue }
        if (p == "" || seen[p]++) continue
        out = out (out == "" ? "" : ", ") p
    }
    print "Depends: " out
    if (found) print "Recommends: xdg-utils"
    next
}
{ print }' ctl/control > control.new
mv control.new ctl/control
rm "$member"
tar -caf "$member" -C ctl --owner=0 --group=0 --numeric-owner .
ar r "$deb" "$member"
dpkg-deb --field "$deb" Depends Recommends
