#!/usr/bin/env python3
"""Runs the commands a "Run it yourself" box shows, exactly as shown, and keeps the capture.

    python3 run_recipe.py RECIPE.json OUT_DIR

RECIPE.json (written by tests/kernel/global-setup.ts): {"sample", "program", "commands": [...],
"seconds"}. The program is saved as <sample>.py in an empty directory and the commands run there
with bash, one after the other, as a reader would paste them, at a real-time priority (as the cases
run) so that a busy machine does not delay the program's sleeps. They create a named network
namespace (`ip netns add`), so they run inside a mount namespace of their own with a fresh /run:
the namespace name cannot collide with another run and nothing is left on the machine. `sudo` is
a pass-through there (the test runs as root; CI may have no sudo). Writes OUT_DIR/<sample>.pcap and
OUT_DIR/recipe.log (the commands' output).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True

SUDO = """#!/bin/sh
exec "$@"
"""


TOOLS = {"tcpdump": "tcpdump", "ip": "iproute2", "python3": "python3", "unshare": "util-linux", "nft": "nftables"}


def missing_tool(recipe):
    """The first tool the commands need that this machine lacks, as a message naming its Debian package."""
    path = f"{os.environ.get('PATH', '/usr/bin:/bin')}:/usr/sbin:/sbin"
    text = recipe["program"] + "\n".join(recipe["commands"])
    for tool, package in TOOLS.items():
        if (tool in ("tcpdump", "ip", "python3", "unshare") or tool in text) and shutil.which(tool, path=path) is None:
            return f"{tool} is not installed (Debian: apt-get install {package})"
    return None


def prefer_real_time():
    """The commands (and the tcpdump and program they start) at a real-time priority, as the cases run,
    so that a busy machine does not delay the program's sleeps. They sleep between events."""
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
    except (AttributeError, PermissionError, OSError):
        pass


def main():
    recipe_path, out_dir = sys.argv[1], sys.argv[2]
    with open(recipe_path) as f:
        recipe = json.load(f)
    os.makedirs(out_dir, exist_ok=True)
    missing = missing_tool(recipe)
    if missing:
        with open(os.path.join(out_dir, "recipe.log"), "w") as log:
            log.write(missing + "\n")
        sys.exit(missing)
    prefer_real_time()
    work = tempfile.mkdtemp(prefix="run-it-yourself-")
    try:
        with open(os.path.join(work, f"{recipe['sample']}.py"), "w") as f:
            f.write(recipe["program"])
        shims = os.path.join(work, ".bin")
        os.makedirs(shims)
        with open(os.path.join(shims, "sudo"), "w") as f:
            f.write(SUDO)
        os.chmod(os.path.join(shims, "sudo"), 0o755)
        script = "set -e\nmount -t tmpfs tmpfs /run\n" + "\n".join(recipe["commands"]) + "\n"
        env = {**os.environ, "PATH": f"{shims}:{os.environ.get('PATH', '/usr/bin:/bin')}:/usr/sbin:/sbin"}
        with open(os.path.join(out_dir, "recipe.log"), "w") as log:
            result = subprocess.run(
                ["unshare", "--mount", "--propagation", "private", "--", "bash", "-c", script],
                cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=recipe["seconds"] + 60)
        if result.returncode != 0:
            with open(os.path.join(out_dir, "recipe.log")) as f:
                sys.exit(f"the commands failed (exit {result.returncode}):\n{f.read()[-2000:]}")
        capture = os.path.join(work, f"{recipe['sample']}.pcap")
        if not os.path.exists(capture):
            sys.exit(f"the commands left no {recipe['sample']}.pcap")
        shutil.copy(capture, os.path.join(out_dir, f"{recipe['sample']}.pcap"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
