#!/usr/bin/env python3
"""Write the re-wrapped variants of the recorded captures, check each with tshark, and write
manifest.json: every fixture capture with the expected files that apply to it.

    python3 variants.py FIXTURE_DIR

A variant holds the same packets as its sources (see rewrap.py), so the sources' expected
readings apply to it; this is only claimed after tshark dissects the variant exactly as it
dissects the sources (every TCP field, and the timestamps where the format carries them).
"""
import json
import os
import subprocess
import sys

import rewrap

# Recorded directly by tcpdump/dumpcap/editcap: (file, what the container and link layer are).
RECORDED = [
    ("handshake-data-client-close.pcap", "pcap, little-endian, microseconds, Ethernet (tcpdump -i lo)"),
    ("handshake-data-client-close.nanosecond.pcap", "pcap, little-endian, nanoseconds, Ethernet (tcpdump --time-stamp-precision=nano)"),
    ("handshake-data-client-close.sll.pcap", "pcap, Linux cooked SLL (tcpdump -i any -y LINUX_SLL)"),
    ("handshake-data-client-close.sll2.pcap", "pcap, Linux cooked SLL2 (tcpdump -i any -y LINUX_SLL2)"),
    ("handshake-data-client-close.dumpcap.pcapng", "pcapng written by dumpcap -i lo"),
    ("handshake-data-client-close.mid-connection.pcap", "pcap cut by editcap: the capture starts after the handshake"),
    ("server-close-first.pcap", "pcap, Ethernet"),
    ("server-close-first.sll2.pcap", "pcap, Linux cooked SLL2 (tcpdump -i any -y LINUX_SLL2)"),
    ("three-segment-close.pcap", "pcap, Ethernet"),
    ("refused.pcap", "pcap, Ethernet"),
    ("abort-linger-zero.pcap", "pcap, Ethernet"),
    ("half-close.pcap", "pcap, Ethernet"),
    ("simultaneous-close.pcap", "pcap, Ethernet"),
    ("syn-retransmissions.pcap", "pcap, Ethernet"),
    ("lost-data-segment.pcap", "pcap, Ethernet"),
    ("lost-fin.pcap", "pcap, Ethernet"),
    ("ipv6-handshake-data-client-close.pcap", "pcap, Ethernet, IPv6"),
    ("port-reuse-after-time-wait.pcap", "pcap, Ethernet"),
    ("keepalive.pcap", "pcap, Ethernet"),
]

# (file, rewrap variant, sources, description); SPB parts carry no timestamps.
VARIANTS = [
    ("handshake-data-client-close.big-endian.pcap", "big-endian", ["handshake-data-client-close.pcap"],
     "pcap, big-endian, microseconds"),
    ("handshake-data-client-close.nanosecond.big-endian.pcap", "big-endian", ["handshake-data-client-close.nanosecond.pcap"],
     "pcap, big-endian, nanoseconds"),
    ("server-close-first.null-le.pcap", "null-le", ["server-close-first.pcap"],
     "pcap, BSD loopback (DLT_NULL), family in little-endian"),
    ("ipv6-handshake-data-client-close.null-be.pcap", "null-be", ["ipv6-handshake-data-client-close.pcap"],
     "pcap, big-endian, BSD loopback (DLT_NULL), family 28 (FreeBSD AF_INET6) in big-endian"),
    ("three-segment-close.loop.pcap", "loop", ["three-segment-close.pcap"],
     "pcap, OpenBSD loopback (DLT_LOOP), family in network byte order"),
    ("half-close.raw.pcap", "raw", ["half-close.pcap"], "pcap, raw IP (LINKTYPE_RAW 101)"),
    ("refused.ipv4.pcap", "ipv4", ["refused.pcap"], "pcap, LINKTYPE_IPV4 (228)"),
    ("ipv6-handshake-data-client-close.ipv6.pcap", "ipv6", ["ipv6-handshake-data-client-close.pcap"],
     "pcap, LINKTYPE_IPV6 (229)"),
    ("abort-linger-zero.vlan.pcap", "vlan", ["abort-linger-zero.pcap"], "pcap, Ethernet with an 802.1Q tag"),
    ("lost-fin.qinq.pcap", "qinq", ["lost-fin.pcap"], "pcap, Ethernet with 802.1ad + 802.1Q tags"),
    ("lost-data-segment.pcapng", "pcapng", ["lost-data-segment.pcap"],
     "pcapng, little-endian, EPB with options, a custom block and an ISB to skip"),
    ("simultaneous-close.big-endian.pcapng", "pcapng-big-endian", ["simultaneous-close.pcap"],
     "pcapng, big-endian"),
    ("sections.pcapng", "pcapng-sections",
     ["keepalive.pcap", "handshake-data-client-close.nanosecond.pcap",
      "server-close-first.sll2.pcap", "refused.pcap"],
     "pcapng, three sections: little-endian with two interfaces (Ethernet, microseconds; raw IP, "
     "if_tsresol 9), big-endian with SLL2, little-endian with BSD loopback in simple packet blocks"),
]

SPB_SOURCES = {("sections.pcapng", 3)}

COMPARED = ["ip.src", "ipv6.src", "ip.dst", "ipv6.dst", "tcp.srcport", "tcp.dstport", "tcp.seq",
            "tcp.ack", "tcp.len", "tcp.flags", "tcp.window_size_value", "tcp.analysis.flags",
            "tcp.options", "frame.time_epoch"]


def dissect(path):
    argv = ["tshark", "-r", path, "-n", "-Y", "tcp", "-T", "fields", "-E", "separator=\t"]
    for field in COMPARED:
        argv += ["-e", field]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def expected_name(capture):
    return capture.rsplit(".", 1)[0] + ".expected.json"


def main():
    directory = sys.argv[1]
    at = lambda name: os.path.join(directory, name)
    manifest = [{"file": name, "description": description,
                 "parts": [{"expected": expected_name(name), "compareTimes": True}]}
                for name, description in RECORDED]
    for name, variant, sources, description in VARIANTS:
        if variant.startswith("pcapng"):
            rewrap.write_pcapng(variant, at(name), [at(s) for s in sources])
        else:
            capture, order = rewrap.VARIANTS[variant](rewrap.read_pcap(at(sources[0])))
            rewrap.write_pcap(at(name), capture, order)
        got = dissect(at(name))
        want, timed = [], []
        for index, source in enumerate(sources):
            rows = dissect(at(source))
            want.extend(rows)
            timed.extend([(name, index) not in SPB_SOURCES] * len(rows))
        untimed = lambda rows: [row if keep else row[:-1] for row, keep in zip(rows, timed)]
        if len(got) != len(want) or untimed(got) != untimed(want):
            raise SystemExit(f"{name}: tshark dissects it differently from {', '.join(sources)}")
        manifest.append({"file": name, "description": description, "parts": [
            {"expected": expected_name(source), "compareTimes": (name, index) not in SPB_SOURCES}
            for index, source in enumerate(sources)]})
        print(f"  {name}: same dissection as {', '.join(sources)}")
    with open(at("manifest.json"), "w") as f:
        json.dump({"captures": manifest}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
