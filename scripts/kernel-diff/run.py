#!/usr/bin/env python3
"""Runs every case of the kernel differential test on the real kernel, several at a time.

    python3 run.py --check                  exit 0 if this machine can run the cases, else print why (exit 3)
    python3 run.py CASES.json OUT_DIR [--jobs N] [--only ID ...]

CASES.json is the list tests/kernel/cases.ts writes. Each case runs in its own pair of network
namespaces (case_runner.py), so cases cannot disturb each other or the machine. Long cases start
first and starts are spread out, so the busy first second of each case rarely overlaps another's.
Writes OUT_DIR/<case dir>/{capture.pcap,result.json} and OUT_DIR/summary.json.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
START_SPACING_S = 0.4
# A disturbed recording (exit 4: the machine was too busy) is tried again; so is a crash.
ATTEMPTS = 3


def case_dir(case_id):
    return re.sub(r"[^a-z0-9.-]+", "_", case_id.lower())


def why_not_runnable():
    """None when cases can run here, else the reason (shown as the skip reason)."""
    if not sys.platform.startswith("linux"):
        return f"network namespaces need Linux (this is {sys.platform})"
    if os.geteuid() != 0:
        return "network namespaces, TUN devices and tcpdump need root (CI runs as root; run `sudo npm test` or the kernel step as root)"
    for tool in ("tcpdump", "ip"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: apt-get install {'tcpdump' if tool == 'tcpdump' else 'iproute2'})"
    probe = subprocess.run([sys.executable, "-B", "-c", PROBE], cwd=HERE, capture_output=True, text=True)
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["unknown error"])[-1]
        return f"cannot create a network namespace with a TUN device here: {reason}"
    return None


PROBE = """
from namespaces import ensure_tun_device, open_tun, unshare_net
ensure_tun_device()
unshare_net()
open_tun("probe")
"""


def main(argv):
    if argv[:1] == ["--check"]:
        reason = why_not_runnable()
        if reason:
            print(reason)
            return 3
        return 0
    cases_path, out_dir = argv[0], argv[1]
    jobs = 32
    only = None
    rest = argv[2:]
    while rest:
        flag = rest.pop(0)
        if flag == "--jobs":
            jobs = int(rest.pop(0))
        elif flag == "--only":
            only = set(rest)
            rest = []
    with open(cases_path) as f:
        cases = json.load(f)
    if only:
        cases = [case for case in cases if case["id"] in only]
    os.makedirs(out_dir, exist_ok=True)
    # Longest first: the total time is then about the longest case.
    queue = sorted(cases, key=lambda case: -case["durationMs"])
    attempts = {case["id"]: 0 for case in queue}
    running = {}
    summary = {}
    started = time.time()
    while queue or running:
        while queue and len(running) < jobs:
            case = queue.pop(0)
            attempts[case["id"]] += 1
            directory = os.path.join(out_dir, case_dir(case["id"]))
            shutil.rmtree(directory, ignore_errors=True)
            os.makedirs(directory)
            spec_path = os.path.join(directory, "case.json")
            with open(spec_path, "w") as f:
                json.dump(case, f)
            log = open(os.path.join(out_dir, f"{case_dir(case['id'])}.attempt{attempts[case['id']]}.log"), "w")
            last_try = ["--last-try"] if attempts[case["id"]] == ATTEMPTS else []
            process = subprocess.Popen([sys.executable, os.path.join(HERE, "case_runner.py"), spec_path, directory, *last_try],
                                       stdout=log, stderr=subprocess.STDOUT)
            running[process] = (case, directory, log, time.time())
            time.sleep(START_SPACING_S)
        for process in list(running):
            if process.poll() is None:
                continue
            case, directory, log, began = running.pop(process)
            log.close()
            if process.returncode != 0 and attempts[case["id"]] < ATTEMPTS:
                queue.insert(0, case)
                continue
            summary[case["id"]] = {
                "dir": os.path.basename(directory),
                # A recording that stayed disturbed is kept: the comparison reports why it cannot judge it.
                "ok": process.returncode in (0, 4),
                "disturbed": process.returncode == 4,
                "seconds": round(time.time() - began, 1),
                "attempts": attempts[case["id"]],
            }
            if process.returncode not in (0, 4):
                with open(log.name) as f:
                    summary[case["id"]]["error"] = f.read()[-2000:]
        time.sleep(0.05)
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump({"seconds": round(time.time() - started, 1), "cases": summary}, f, indent=1)
    failed = [case_id for case_id, entry in summary.items() if not entry["ok"]]
    print(f"kernel runs: {len(summary) - len(failed)} of {len(summary)} cases recorded in {round(time.time() - started)} s")
    for case_id in failed:
        print(f"  {case_id} failed:\n{summary[case_id]['error']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
