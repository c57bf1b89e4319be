#!/usr/bin/env python3
"""Record the capture-challenge test captures from real Linux TCP on loopback.

Run by scripts/record-challenge-captures.sh, once per scenario, inside a private network
namespace (its own `lo`), as root:

    python3 challenge_captures.py COMMANDS.json SCENARIO OUTDIR

A scenario either runs a challenge's Linux commands exactly as the challenge page shows them
(COMMANDS.json, printed by challenge-commands.ts), or a variant that misses the goal, written
here. Steps run through bash as a learner would type them, `sudo` being a no-op (we are root).
Writes OUTDIR/SCENARIO.pcap and OUTDIR/SCENARIO.run.json (commands, their output, `ss` output).
"""
import json
import os
import signal
import subprocess
import sys
import time

BASH_PRELUDE = 'sudo() { "$@"; }\n'


def python(script):
    return "python3 - <<'EOF'\n" + script.strip() + "\nEOF"


def variants(values):
    """Runs that miss each goal, in the page's style (same capture step, other programs)."""
    port, client_port, token = values["serverPort"], values["clientPort"], values["token"]
    return {
        # The client closes first: the server's socket goes CLOSE-WAIT, LAST-ACK, CLOSED.
        "capture-server-time-wait.client-closes-first": ("capture-server-time-wait", [
            {"role": "server", "background": True, "command": python(f'''
import socket
with socket.create_server(("127.0.0.1", {port})) as listener:
    conn, _ = listener.accept()
    while conn.recv(1024):
        pass
    conn.close()
''')},
            {"role": "client", "command": python(f'''
import socket, time
with socket.create_connection(("127.0.0.1", {port})) as conn:
    conn.sendall(b"{token}\\n")
time.sleep(0.5)
''')},
        ]),
        # Something listens on the port: the SYN is answered with SYN+ACK, not RST.
        "capture-connection-refused.listening": ("capture-connection-refused", [
            {"role": "server", "background": True, "command": python(f'''
import socket
with socket.create_server(("127.0.0.1", {port})) as listener:
    conn, _ = listener.accept()
    conn.recv(1024)
    conn.close()
''')},
            {"role": "client", "command": python(f'''
import socket
with socket.socket() as conn:
    conn.bind(("127.0.0.1", {client_port}))
    conn.connect(("127.0.0.1", {port}))
''')},
        ]),
        # The client calls close() instead of shutdown(SHUT_WR): the server's data after the FIN
        # reaches a socket that is gone, which answers with RST.
        "capture-half-close.close-instead-of-shutdown": ("capture-half-close", [
            {"role": "server", "background": True, "command": python(f'''
import socket, time
with socket.create_server(("127.0.0.1", {port})) as listener:
    conn, _ = listener.accept()
    while conn.recv(1024):
        pass
    time.sleep(0.2)
    conn.sendall(b"{token}\\n")
    time.sleep(0.2)
    conn.close()
''')},
            {"role": "client", "command": python(f'''
import socket, time
with socket.create_connection(("127.0.0.1", {port})) as conn:
    conn.sendall(b"hello\\n")
time.sleep(1)
''')},
        ]),
        # A listener that accepts at once: the SYN from the client port is answered the first time.
        "capture-syn-retransmission.answered": ("capture-syn-retransmission", [
            {"role": "server", "background": True, "command": python(f'''
import socket
with socket.create_server(("127.0.0.1", {port})) as listener:
    conn, _ = listener.accept()
    conn.close()
''')},
            {"role": "client", "command": python(f'''
import socket, time
with socket.socket() as conn:
    conn.bind(("127.0.0.1", {client_port}))
    conn.settimeout(5)
    conn.connect(("127.0.0.1", {port}))
    time.sleep(0.3)
''')},
        ]),
        # The server reads the data before closing: an orderly FIN, no RST.
        "capture-unread-rst.read-before-close": ("capture-unread-rst", [
            {"role": "server", "background": True, "command": python(f'''
import socket, time
with socket.create_server(("127.0.0.1", {port})) as listener:
    conn, _ = listener.accept()
    time.sleep(0.5)
    print(conn.recv(1024))
    conn.close()
''')},
            {"role": "client", "command": python(f'''
import socket, time
with socket.create_connection(("127.0.0.1", {port})) as conn:
    conn.sendall(b"{token}\\n")
    time.sleep(1)
    print(conn.recv(1024))
''')},
        ]),
    }


def bash(command, **kwargs):
    return subprocess.Popen(["bash", "-c", BASH_PRELUDE + command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **kwargs)


def main():
    commands_file, scenario, outdir = sys.argv[1:4]
    spec = json.load(open(commands_file))
    values = spec["values"]
    if scenario in spec["challenges"]:
        challenge, steps = scenario, spec["challenges"][scenario]
    else:
        challenge, steps = variants(values)[scenario]
        steps = [spec["challenges"][challenge][0], *steps]
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    os.chdir(outdir)
    record = {"scenario": scenario, "challenge": challenge, "values": values, "steps": []}
    background = []
    capture_file = None
    for step in steps:
        command = step["command"]
        if step["role"] == "capture":
            capture_file = command.split(" -w ")[1].split()[0]
            command = command.replace(f" -w {capture_file}", f" -w {scenario}.pcap")
            process = bash(command)
            deadline = time.time() + 5
            started = False
            while time.time() < deadline and not started:
                time.sleep(0.05)
                started = process.poll() is None and os.path.exists(f"{scenario}.pcap")
            time.sleep(0.3)  # tcpdump announces itself on stderr once its filter is attached
            background.append((step, process))
            record["steps"].append({"role": "capture", "command": command})
            continue
        if step.get("background"):
            process = bash(command)
            background.append((step, process))
            time.sleep(0.4)
            record["steps"].append({"role": step["role"], "command": command, "background": True})
            continue
        if step["role"] == "observe":
            time.sleep(0.2)  # let the last segments be processed, as a learner typing the command would
        done = subprocess.run(["bash", "-c", BASH_PRELUDE + command], capture_output=True, text=True, timeout=30)
        record["steps"].append({"role": step["role"], "command": command, "exit": done.returncode, "stdout": done.stdout, "stderr": done.stderr[-2000:]})
    time.sleep(1.5)  # longer than libpcap's buffer timeout: tcpdump has written every packet
    for step, process in reversed(background):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT if step["role"] == "capture" else signal.SIGTERM)
        out, err = process.communicate(timeout=10)
        if step["role"] == "capture":
            record["tcpdump"] = err.strip().splitlines()[-3:]
    json.dump(record, open(f"{scenario}.run.json", "w"), indent=2)
    if any(line.startswith(tuple("123456789")) and "dropped by kernel" in line for line in record.get("tcpdump", [])):
        sys.exit(f"{scenario}: packets were dropped while capturing; run again")


if __name__ == "__main__":
    main()
