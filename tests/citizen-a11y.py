#!/usr/bin/python3
# citizen-a11y.py: the main window through AT-SPI, as a screen reader sees it
#
#   citizen-a11y.py PAGEWALK [SCENARIO]
#
# Starts the app (on the display of DISPLAY, on the session bus that
# dbus-run-session gives it), finds its window in the AT-SPI tree and walks
# every accessible: each control (button, toggle, menu button, combo box,
# entry, check box, radio, slider, spin button, link) must have a name, not
# empty, not a widget class ("GtkButton"), without mnemonic underscores;
# the toggle button inside a drop-down too (it takes the focus).
# Exit 0 when all are named, 1 with the list of those that are not, 77
# (skipped) without a display.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys
import time

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    print("no display (run under xvfb-run)")
    sys.exit(77)

import pyatspi  # noqa: E402  (Debian: python3-pyatspi)

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_LINK,
    pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM,
}
WIDGET_CLASS = re.compile(r"^(Gtk|Adw|Pw)[A-Z]\w*$")


def find_app(name, proc, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == name and app.childCount > 0:
                return app
        time.sleep(0.2)
    return None


def walk(acc, path, problems, seen):
    try:
        role = acc.getRole()
        name = acc.name or ""
    except Exception:  # an accessible gone meanwhile
        return
    here = "%s/%s" % (path, acc.getRoleName())
    # every control, shown or not (GTK 4.8 reports no "showing" state): the
    # pages of a stack that are hidden now are shown later
    if role in CONTROLS:
        seen.append("%s %r" % (here, name))
        if not name.strip():
            problems.append("%s: no name" % here)
        elif WIDGET_CLASS.match(name):
            problems.append("%s: named after its class (%r)" % (here, name))
        elif "_" in name and role != pyatspi.ROLE_TEXT and role != pyatspi.ROLE_ENTRY:
            problems.append("%s: a mnemonic underscore in %r" % (here, name))
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is not None:
            walk(child, here, problems, seen)


def main():
    pagewalk = sys.argv[1]
    scenario = sys.argv[2] if len(sys.argv) > 2 else "seed"
    env = dict(os.environ, GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="0")
    env.pop("GTK_A11Y", None)
    proc = subprocess.Popen([pagewalk, scenario], env=env)
    try:
        app = find_app("pagewalk", proc)
        if app is None and proc.poll() is not None:
            # the X server under xvfb-run, shared with the suites running
            # beside this one, now and then refuses a connection ("cannot
            # open display"): once more, then it is a failure
            print("the app exited (%d) before it appeared; starting it again" % proc.returncode)
            proc = subprocess.Popen([pagewalk, scenario], env=env)
            app = find_app("pagewalk", proc)
        if app is None:
            print("the app did not appear on the accessibility bus")
            return 1
        # the window fills in as it is mapped and the scenario loads (a
        # worker thread): walk until two walks in a row find the same controls
        problems, seen, last = [], [], None
        end = time.monotonic() + 20.0
        while time.monotonic() < end:
            problems, seen = [], []
            for i in range(app.childCount):
                walk(app.getChildAtIndex(i), "", problems, seen)
            if len(seen) >= 10 and seen == last:
                break
            last = seen
            time.sleep(0.5)
        for s in seen:
            print("control:", s)
        if len(seen) < 10:
            print("only %d controls found: the window is not all there" % len(seen))
            return 1
        for p in problems:
            print("NOT NAMED:", p)
        return 1 if problems else 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)


sys.exit(main())
