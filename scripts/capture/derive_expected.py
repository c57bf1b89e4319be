#!/usr/bin/env python3
"""Derive the expected reading of a capture from tshark (Wireshark's dissector), not from the
reader under test.

    python3 derive_expected.py CAPTURE SCENARIO.json OUT.expected.json

Per TCP conversation (tshark's tcp.stream, ordered by first frame): client (sender of the first
SYN without ACK, else the receiver of the first SYN+ACK, else the sender of the first segment),
server, start, ISNs, and per segment: frame, t (ms since the conversation's first segment), from,
flags, seq and ack relative as Wireshark shows them (ack null without the ACK flag), len, window
and windowSize, the TCP options and `retransmission: true` where tshark sets
tcp.analysis.retransmission. The state paths come
from SCENARIO.json (written down per scenario and checked against the kernel there).
"""
import json
import subprocess
import sys
from decimal import Decimal

FIELDS = [
    "frame.number", "frame.time_epoch", "ip.src", "ipv6.src", "ip.dst", "ipv6.dst",
    "tcp.srcport", "tcp.dstport", "tcp.stream", "tcp.seq", "tcp.ack", "tcp.seq_raw", "tcp.ack_raw",
    "tcp.len", "tcp.flags", "tcp.window_size_value", "tcp.window_size", "tcp.window_size_scalefactor",
    "tcp.analysis.retransmission", "tcp.option_kind",
    "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.sack_perm",
    "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr",
    "tcp.options.sack_le", "tcp.options.sack_re",
]

# Wireshark's order (bit order): [SYN, ACK], [FIN, ACK], [PSH, ACK], [RST, ACK].
FLAG_BITS = [("FIN", 0x001), ("SYN", 0x002), ("RST", 0x004), ("PSH", 0x008), ("ACK", 0x010), ("URG", 0x020)]
ECN_BITS = [("ECE", 0x040), ("CWR", 0x080)]


def tshark_rows(capture):
    argv = ["tshark", "-r", capture, "-n", "-Y", "tcp", "-T", "fields", "-E", "separator=\t",
            "-E", "occurrence=a", "-E", "aggregator=,",
            # Wireshark's defaults, spelled out so a personal profile cannot change them.
            "-o", "tcp.analyze_sequence_numbers:TRUE", "-o", "tcp.relative_sequence_numbers:TRUE"]
    for field in FIELDS:
        argv += ["-e", field]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        yield dict(zip(FIELDS, line.split("\t")))


def endpoint(row, side):
    address = row[f"ip.{side}"] or row[f"ipv6.{side}"]
    port = row[f"tcp.{side}port" if side == "src" else "tcp.dstport"]
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def numbers(text):
    return [int(value) for value in text.split(",")] if text else []


def segment_of(row, t0, client):
    flags = int(row["tcp.flags"], 16)
    segment = {
        "frame": int(row["frame.number"]),
        "t": float((Decimal(row["frame.time_epoch"]) - t0) * 1000),
        "from": "client" if endpoint(row, "src") == client else "server",
        "flags": [name for name, bit in FLAG_BITS if flags & bit],
        "seq": int(row["tcp.seq"]),
        "ack": int(row["tcp.ack"]) if flags & 0x010 else None,
        "len": int(row["tcp.len"]),
        "window": int(row["tcp.window_size_value"]),
    }
    # The window in a SYN is never scaled; otherwise tshark knows the scale (or that there is
    # none) only when it saw the handshake: scale factor -1 means unknown.
    if flags & 0x002:
        segment["windowSize"] = segment["window"]
    elif row["tcp.window_size_scalefactor"] != "-1":
        segment["windowSize"] = int(row["tcp.window_size"])
    ecn = [name for name, bit in ECN_BITS if flags & bit]
    if ecn:
        segment["ecn"] = ecn
    if row["tcp.analysis.retransmission"]:
        segment["retransmission"] = True
    options = {}
    if row["tcp.options.mss_val"]:
        options["mss"] = int(row["tcp.options.mss_val"])
    if row["tcp.options.wscale.shift"]:
        options["windowScale"] = int(row["tcp.options.wscale.shift"])
    if row["tcp.options.sack_perm"]:
        options["sackPermitted"] = True
    if row["tcp.options.timestamp.tsval"]:
        options["timestamps"] = {"value": int(row["tcp.options.timestamp.tsval"]),
                                 "echo": int(row["tcp.options.timestamp.tsecr"])}
    if row["tcp.options.sack_le"]:
        options["sack"] = [{"left": left, "right": right} for left, right in
                           zip(numbers(row["tcp.options.sack_le"]), numbers(row["tcp.options.sack_re"]))]
    kinds = numbers(row["tcp.option_kind"])
    if kinds.count(1):
        options["nop"] = kinds.count(1)
    if 0 in kinds:
        options["eol"] = True
    if options:
        segment["options"] = options
    return segment


def client_of(rows):
    for row in rows:
        if int(row["tcp.flags"], 16) & 0x012 == 0x002:
            return endpoint(row, "src"), "syn"
    for row in rows:
        if int(row["tcp.flags"], 16) & 0x012 == 0x012:
            return endpoint(row, "dst"), "syn-ack"
    return endpoint(rows[0], "src"), "first-segment"


def main():
    capture, scenario_path, out_path = sys.argv[1:]
    with open(scenario_path) as f:
        scenario = json.load(f)
    streams = {}
    for row in tshark_rows(capture):
        streams.setdefault(int(row["tcp.stream"]), []).append(row)
    ordered = sorted(streams.values(), key=lambda rows: int(rows[0]["frame.number"]))
    if len(ordered) != len(scenario["connections"]):
        raise SystemExit(f"{capture}: tshark sees {len(ordered)} connections, scenario has {len(scenario['connections'])}")
    connections = []
    for rows, described in zip(ordered, scenario["connections"]):
        client, basis = client_of(rows)
        first = rows[0]
        server = endpoint(first, "dst") if endpoint(first, "src") == client else endpoint(first, "src")
        t0 = Decimal(first["frame.time_epoch"])
        isn = {"client": None, "server": None}
        for row in rows:
            flags = int(row["tcp.flags"], 16)
            side = "client" if endpoint(row, "src") == client else "server"
            if flags & 0x002 and isn[side] is None:
                isn[side] = int(row["tcp.seq_raw"])
        connections.append({
            "client": client,
            "server": server,
            "roleBasis": basis,
            "start": f"{t0:.9f}",
            "isn": isn,
            "segments": [segment_of(row, t0, client) for row in rows],
            "states": described["states"],
        })
    expected = {
        "source": f"tshark {tshark_version()} reading {capture.rsplit('/', 1)[-1]}; states from the scenario",
        "description": scenario["description"],
        "connections": connections,
    }
    with open(out_path, "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


def tshark_version():
    out = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout
    return out.split()[1] if out else "?"


if __name__ == "__main__":
    main()
