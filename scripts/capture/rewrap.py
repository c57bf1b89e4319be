#!/usr/bin/env python3
"""Re-wrap the packets of recorded loopback captures into other container formats and link types.

tcpdump on Linux loopback writes little-endian pcap with Ethernet headers. The capture reader
must also handle big-endian files, pcapng (several interfaces and sections, EPB and SPB, blocks
it does not know), and other link layers. This program writes those variants from the same
real packets, so one set of expected results (derived by tshark from the original) applies:
record-captures.sh checks with tshark that every variant dissects like its source.

    python3 rewrap.py VARIANT OUT SOURCE [SOURCE ...]

It shares no code with the TypeScript reader under test.
"""
import struct
import sys

LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_LOOP = 0, 1, 101, 108
LINKTYPE_IPV4, LINKTYPE_IPV6 = 228, 229
ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_VLAN, ETHERTYPE_QINQ = 0x0800, 0x86DD, 0x8100, 0x88A8
AF_INET, AF_INET6_FREEBSD, AF_INET6_DARWIN = 2, 28, 30


class Packet:
    def __init__(self, seconds, nanoseconds, data, original_length):
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.data = data
        self.original_length = original_length


class Capture:
    def __init__(self, link_type, snaplen, nanosecond, packets):
        self.link_type = link_type
        self.snaplen = snaplen
        self.nanosecond = nanosecond
        self.packets = packets


def read_pcap(path):
    with open(path, "rb") as f:
        raw = f.read()
    magic = raw[:4]
    formats = {
        b"\xd4\xc3\xb2\xa1": ("<", False), b"\xa1\xb2\xc3\xd4": (">", False),
        b"\x4d\x3c\xb2\xa1": ("<", True), b"\xa1\xb2\x3c\x4d": (">", True),
    }
    order, nanosecond = formats[magic]
    _, _, _, _, snaplen, link_type = struct.unpack(order + "HHiIII", raw[4:24])
    packets, offset = [], 24
    while offset < len(raw):
        seconds, fraction, captured, original = struct.unpack(order + "IIII", raw[offset:offset + 16])
        offset += 16
        data = raw[offset:offset + captured]
        offset += captured
        packets.append(Packet(seconds, fraction if nanosecond else fraction * 1000, data, original))
    return Capture(link_type, snaplen, nanosecond, packets)


def write_pcap(path, capture, order="<"):
    magic = 0xA1B23C4D if capture.nanosecond else 0xA1B2C3D4
    out = [struct.pack(order + "IHHiIII", magic, 2, 4, 0, 0, capture.snaplen, capture.link_type)]
    for p in capture.packets:
        fraction = p.nanoseconds if capture.nanosecond else p.nanoseconds // 1000
        out.append(struct.pack(order + "IIII", p.seconds, fraction, len(p.data), p.original_length))
        out.append(p.data)
    with open(path, "wb") as f:
        f.write(b"".join(out))


# ------------------------------------------------------------------------------ link layers

def network_layer(capture, packet):
    """(ethertype, IP packet) of a packet recorded on Linux loopback (Ethernet)."""
    assert capture.link_type == LINKTYPE_ETHERNET, "sources are tcpdump -i lo captures"
    ethertype = struct.unpack(">H", packet.data[12:14])[0]
    return ethertype, packet.data[14:]


def relink(capture, link_type, header_for):
    packets = []
    for p in capture.packets:
        ethertype, ip = network_layer(capture, p)
        header = header_for(ethertype)
        packets.append(Packet(p.seconds, p.nanoseconds, header + ip, p.original_length - 14 + len(header)))
    return Capture(link_type, capture.snaplen, capture.nanosecond, packets)


def bsd_family(ethertype, ipv6_family):
    return AF_INET if ethertype == ETHERTYPE_IPV4 else ipv6_family


def null_header(order, ipv6_family):
    # DLT_NULL: the address family in the byte order of the host that wrote the file.
    return lambda ethertype: struct.pack(order + "I", bsd_family(ethertype, ipv6_family))


def loop_header(ethertype):
    # DLT_LOOP (OpenBSD): the address family in network byte order.
    return struct.pack(">I", bsd_family(ethertype, AF_INET6_FREEBSD))


def vlan_header(tags):
    def header(ethertype):
        out = b"\x00" * 12
        for tpid, vid in tags:
            out += struct.pack(">HH", tpid, vid)
        return out + struct.pack(">H", ethertype)
    return header


VARIANTS = {
    "big-endian": lambda c: (c, ">"),
    "null-le": lambda c: (relink(c, LINKTYPE_NULL, null_header("<", AF_INET6_DARWIN)), "<"),
    "null-be": lambda c: (relink(c, LINKTYPE_NULL, null_header(">", AF_INET6_FREEBSD)), ">"),
    "loop": lambda c: (relink(c, LINKTYPE_LOOP, loop_header), "<"),
    "raw": lambda c: (relink(c, LINKTYPE_RAW, lambda _: b""), "<"),
    "ipv4": lambda c: (relink(c, LINKTYPE_IPV4, lambda _: b""), "<"),
    "ipv6": lambda c: (relink(c, LINKTYPE_IPV6, lambda _: b""), "<"),
    "vlan": lambda c: (relink(c, LINKTYPE_ETHERNET, vlan_header([(ETHERTYPE_VLAN, 42)])), "<"),
    "qinq": lambda c: (relink(c, LINKTYPE_ETHERNET, vlan_header([(ETHERTYPE_QINQ, 7), (ETHERTYPE_VLAN, 42)])), "<"),
}


# ---------------------------------------------------------------------------------- pcapng

def pad4(data):
    return data + b"\x00" * (-len(data) % 4)


def option(order, code, value):
    return struct.pack(order + "HH", code, len(value)) + pad4(value)


def options(order, items):
    if not items:
        return b""
    return b"".join(option(order, code, value) for code, value in items) + struct.pack(order + "HH", 0, 0)


def block(order, block_type, body):
    body = pad4(body)
    length = 12 + len(body)
    return struct.pack(order + "II", block_type, length) + body + struct.pack(order + "I", length)


def section_header(order, comment):
    body = struct.pack(order + "IHHq", 0x1A2B3C4D, 1, 0, -1)
    return block(order, 0x0A0D0D0A, body + options(order, [(1, comment.encode()), (4, b"rewrap.py")]))


def interface_description(order, link_type, snaplen, name, tsresol):
    items = [(2, name.encode())]
    if tsresol is not None:
        items.append((9, bytes([tsresol])))
    return block(order, 1, struct.pack(order + "HHI", link_type, 0, snaplen) + options(order, items))


def units(packet, tsresol):
    """Timestamp of a packet in units of 10^-tsresol s (default resolution is microseconds)."""
    per_second = 10 ** (6 if tsresol is None else tsresol)
    return packet.seconds * per_second + packet.nanoseconds * per_second // 1_000_000_000


def enhanced_packet(order, interface, packet, tsresol, comment=None):
    ts = units(packet, tsresol)
    body = struct.pack(order + "IIIII", interface, ts >> 32, ts & 0xFFFFFFFF, len(packet.data), packet.original_length)
    items = [(2, struct.pack(order + "I", 1))]  # epb_flags: inbound
    if comment:
        items.append((1, comment.encode()))
    return block(order, 6, body + pad4(packet.data) + options(order, items))


def simple_packet(order, packet):
    return block(order, 3, struct.pack(order + "I", packet.original_length) + pad4(packet.data))


def unknown_blocks(order):
    # A custom block (copiable) and an interface statistics block: readers must skip them.
    custom = block(order, 0x00000BAD, struct.pack(order + "I", 32473) + b"not for the reader")
    statistics = block(order, 5, struct.pack(order + "III", 0, 0, 0))
    return custom + statistics


def pcapng_section(order, parts, comment, spb=False):
    """One section; parts: [(capture, tsresol)], one interface each, packets in that order."""
    out = [section_header(order, comment)]
    for index, (capture, tsresol) in enumerate(parts):
        out.append(interface_description(order, capture.link_type, capture.snaplen, f"if{index}", tsresol))
    out.append(unknown_blocks(order))
    for index, (capture, tsresol) in enumerate(parts):
        for number, packet in enumerate(capture.packets):
            if spb:
                out.append(simple_packet(order, packet))
            else:
                out.append(enhanced_packet(order, index, packet, tsresol, "first" if number == 0 else None))
    return b"".join(out)


def resolution_of(capture):
    return 9 if capture.nanosecond else None


def write_pcapng(variant, out_path, sources):
    captures = [read_pcap(path) for path in sources]
    if variant == "pcapng":
        data = pcapng_section("<", [(c, resolution_of(c)) for c in captures], "one section")
    elif variant == "pcapng-big-endian":
        data = pcapng_section(">", [(c, resolution_of(c)) for c in captures], "big-endian section")
    elif variant == "pcapng-sections":
        # Section 1 (little-endian): two interfaces with different link types and resolutions.
        # Section 2 (big-endian): one interface. Section 3 (little-endian): simple packet blocks.
        first, second, third, fourth = captures
        data = (pcapng_section("<", [(first, resolution_of(first)), (relink(second, LINKTYPE_RAW, lambda _: b""), 9)], "section 1")
                + pcapng_section(">", [(third, resolution_of(third))], "section 2")
                + pcapng_section("<", [(relink(fourth, LINKTYPE_NULL, null_header("<", AF_INET6_DARWIN)), None)], "section 3", spb=True))
    else:
        raise SystemExit(f"unknown variant {variant}")
    with open(out_path, "wb") as f:
        f.write(data)


def main():
    variant, out_path, *sources = sys.argv[1:]
    if variant.startswith("pcapng"):
        write_pcapng(variant, out_path, sources)
        return
    capture, order = VARIANTS[variant](read_pcap(sources[0]))
    write_pcap(out_path, capture, order)


if __name__ == "__main__":
    main()
