#!/bin/sh
# Startup and idle-memory figures for the SecureScore wizard.
#
#   tools/startup-bench.sh [-n RUNS] [-t TITLE] [-s SETTLE_S] -- COMMAND [ARGS...]
#
# Examples (from the project root):
#   tools/startup-bench.sh -- java -jar target/securescore.jar
#   tools/startup-bench.sh -- target/installer/runtime/bin/java -jar target/installer/input/securescore.jar
#   tools/startup-bench.sh -- target/installer/SecureScore/bin/SecureScore
#
# Each run starts COMMAND in its own process group and measures the milliseconds until a window
# titled TITLE (default "SecureScore") is mapped (viewable), polling the X server every ~5 ms
# from one long-lived process (xdotool's --sync only polls twice a second). SETTLE_S seconds
# (default 3) later it reads VmRSS of COMMAND's process and its descendants from /proc, then ends
# the group. Prints every run and the medians. Without DISPLAY it re-runs itself under xvfb-run
# with a 1280x800x24 screen. Needs python3 and libX11 (no Python packages).
set -eu

runs=7 title=SecureScore settle=3
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -t) title=$2; shift 2 ;;
    -s) settle=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { sed -n '2,11p' "$0" >&2; exit 2; }

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" -n "$runs" -t "$title" -s "$settle" -- "$@"
fi

exec python3 - "$runs" "$title" "$settle" "$@" <<'PY'
import ctypes, ctypes.util, os, signal, statistics, subprocess, sys, time

runs, title, settle = int(sys.argv[1]), sys.argv[2].encode(), float(sys.argv[3])
cmd = sys.argv[4:]

x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
Window = ctypes.c_ulong
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.restype = Window
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XQueryTree.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(Window), ctypes.POINTER(Window),
                         ctypes.POINTER(ctypes.POINTER(Window)), ctypes.POINTER(ctypes.c_uint)]
x.XFetchName.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(ctypes.c_char_p)]
x.XFree.argtypes = [ctypes.c_void_p]

class XWindowAttributes(ctypes.Structure):
    # only map_state is read; the layout follows Xlib.h on LP64
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
                ("visual", ctypes.c_void_p), ("root", Window), ("class_", ctypes.c_int),
                ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
                ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
                ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
                ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
                ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]
x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(XWindowAttributes)]
IS_VIEWABLE = 2
XErrorHandler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
ignore_errors = XErrorHandler(lambda d, e: 0)  # windows may vanish between calls
x.XSetErrorHandler(ignore_errors)

dpy = x.XOpenDisplay(None)
if not dpy:
    sys.exit("cannot open display " + os.environ.get("DISPLAY", ""))
root = x.XDefaultRootWindow(dpy)

def mapped_window(w):
    name = ctypes.c_char_p()
    if x.XFetchName(dpy, w, ctypes.byref(name)) and name.value is not None:
        hit = name.value == title
        x.XFree(name)
        if hit:
            attrs = XWindowAttributes()
            if x.XGetWindowAttributes(dpy, w, ctypes.byref(attrs)) and attrs.map_state == IS_VIEWABLE:
                return True
    r, p, kids, n = Window(), Window(), ctypes.POINTER(Window)(), ctypes.c_uint()
    if not x.XQueryTree(dpy, w, ctypes.byref(r), ctypes.byref(p), ctypes.byref(kids), ctypes.byref(n)):
        return False
    try:
        return any(mapped_window(kids[i]) for i in range(n.value))
    finally:
        if kids:
            x.XFree(kids)

def tree_rss_kib(pid):
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            pass
    return total

print("command:", " ".join(cmd), flush=True)
times, rss = [], []
for i in range(1, runs + 1):
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    ms = None
    while time.monotonic() - t0 < 60:
        if mapped_window(root):
            ms = (time.monotonic() - t0) * 1000
            break
        if proc.poll() is not None:
            break
        time.sleep(0.005)
    kib = None
    if ms is not None:
        time.sleep(settle)
        kib = tree_rss_kib(proc.pid)
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    if ms is None:
        print(f"run {i}: no window titled {title.decode()!r} (exit {proc.returncode})", flush=True)
        continue
    times.append(ms)
    rss.append(kib / 1024)
    print(f"run {i}: window after {ms:7.0f} ms, idle RSS {kib / 1024:6.1f} MiB", flush=True)
    time.sleep(0.5)

if times:
    print(f"median of {len(times)}: window after {statistics.median(times):.0f} ms "
          f"(min {min(times):.0f}, max {max(times):.0f}), idle RSS {statistics.median(rss):.1f} MiB")
else:
    sys.exit(1)
PY
