#!/bin/sh
# Startup and idle-memory figures for the SecureScore wizard.
#
#   tools/startup-bench.sh [-n RUNS] [-t TITLE] [-s SETTLE_S] -- COMMAND [ARGS...] [-- COMMAND2 ...]
#
# With several commands (separated by --) they run in turn, run after run, so a busy moment falls on
# all of them alike; the summary gives each one's medians against the first (the yardstick):
#   tools/startup-bench.sh -- java -cp target/securescore.jar:target/bench BareWindow \
#                          -- java -jar target/securescore.jar
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
[ $# -gt 0 ] || { sed -n '2,23p' "$0" >&2; exit 2; }

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

cmds, cur = [], []
for a in cmd:
    if a == "--":
        cmds.append(cur)
        cur = []
    else:
        cur.append(a)
cmds.append(cur)
cmds = [c for c in cmds if c]
for k, c in enumerate(cmds):
    print(f"command {k + 1}:", " ".join(c), flush=True)

def once(c):
    """Milliseconds until the window is viewable and the idle RSS in MiB, or None."""
    t0 = time.monotonic()
    proc = subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
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
    time.sleep(0.5)
    if ms is None:
        return None, proc.returncode
    return (ms, kib / 1024), None

times = [[] for _ in cmds]
rss = [[] for _ in cmds]
for i in range(1, runs + 1):
    for k, c in enumerate(cmds):
        got, code = once(c)
        label = f"run {i}" + (f", command {k + 1}" if len(cmds) > 1 else "")
        if got is None:
            print(f"{label}: no window titled {title.decode()!r} (exit {code})", flush=True)
            continue
        times[k].append(got[0])
        rss[k].append(got[1])
        print(f"{label}: window after {got[0]:7.0f} ms, idle RSS {got[1]:6.1f} MiB", flush=True)

if not all(times):
    sys.exit(1)
for k in range(len(cmds)):
    t, m = statistics.median(times[k]), statistics.median(rss[k])
    line = (f"median of {len(times[k])}" + (f", command {k + 1}" if len(cmds) > 1 else "")
            + f": window after {t:.0f} ms (min {min(times[k]):.0f}, max {max(times[k]):.0f}), idle RSS {m:.1f} MiB")
    if k > 0:
        t0, m0 = statistics.median(times[0]), statistics.median(rss[0])
        line += f"; {t / t0:.2f}x the first's time, {m - m0:+.1f} MiB"
    print(line, flush=True)
PY
