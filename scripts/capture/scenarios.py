#!/usr/bin/env python3
"""Drive one TCP conversation over loopback for a capture fixture.

Run by scripts/record-captures.sh inside a private network namespace (its own `lo`, default
per-namespace sysctls, its own nftables rules and qdisc), while tcpdump records `lo`.

    python3 scenarios.py NAME OUT.scenario.json
    python3 scenarios.py describe CUT-NAME OUT.scenario.json

Writes what the scenario is, the state paths the recorded kernel goes through (written down
from RFC 9293 and Linux behaviour, checked against the `ss` observations taken during the run),
the socket errors the applications saw, and those observations themselves.

Segments are "lost" with nftables drop rules on the input hook: on loopback tcpdump's tap runs
before that hook, so a dropped segment is still in the capture, as on the sender's wire.
"""
import json
import socket
import subprocess
import sys
import threading
import time

V4 = "127.0.0.1"
V6 = "::1"

SS_STATES = {
    "ESTAB": "ESTABLISHED", "SYN-SENT": "SYN-SENT", "SYN-RECV": "SYN-RECEIVED",
    "FIN-WAIT-1": "FIN-WAIT-1", "FIN-WAIT-2": "FIN-WAIT-2", "TIME-WAIT": "TIME-WAIT",
    "CLOSE-WAIT": "CLOSE-WAIT", "LAST-ACK": "LAST-ACK", "CLOSING": "CLOSING",
    "LISTEN": "LISTEN", "CLOSE": "CLOSED", "UNCONN": "CLOSED",
}

CLIENT_CLOSES_FIRST = {
    "client": ["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"],
    "server": ["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"],
}

# Long enough for the delayed ACK of a FIN (Linux enters pingpong mode on a FIN, so that ACK
# waits up to the delayed-ACK timer hoping to ride on the reply) to leave on its own.
PAST_DELAYED_ACK = 0.3


def run(*argv):
    subprocess.run(argv, check=True)


def nft_input_drop(rule):
    """Drop matching segments on input (after tcpdump has seen them)."""
    run("nft", "add", "table", "inet", "fixture")
    run("nft", "add", "chain", "inet", "fixture", "input",
        "{ type filter hook input priority 0; policy accept; }")
    run("nft", "add", "rule", "inet", "fixture", "input", *rule.split(), "drop")


def once(rule):
    # A limit of one packet per hour with a burst of one matches the first packet only.
    return rule + " limit rate 1/hour burst 1 packets"


class Run:
    def __init__(self, name, port, family=socket.AF_INET):
        self.name = name
        self.port = port
        self.family = family
        self.host = V6 if family == socket.AF_INET6 else V4
        self.client_port = None
        self.observations = []
        self.errors = []
        self.t0 = time.monotonic()

    def ms(self):
        return round((time.monotonic() - self.t0) * 1000, 1)

    def listen(self, backlog=16):
        s = socket.socket(self.family, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((self.host, self.port))
        s.listen(backlog)
        return s

    def client_socket(self, bind_port=None):
        c = socket.socket(self.family, socket.SOCK_STREAM)
        if bind_port is not None:
            c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            c.bind((self.host, bind_port))
        return c

    def connect(self, c):
        try:
            c.connect((self.host, self.port))
        except OSError as error:
            self.error("client", error)
            return False
        finally:
            if self.client_port is None and c.fileno() != -1:
                self.client_port = c.getsockname()[1]
        return True

    def error(self, host, error):
        self.errors.append({"t": self.ms(), "host": host, "code": socket.errno.errorcode.get(error.errno, str(error))})

    def observe(self, label):
        """Record the kernel's view of both endpoints (None: no socket, i.e. CLOSED)."""
        out = subprocess.run(["ss", "-tanH", "state", "all"], capture_output=True, text=True, check=True).stdout
        seen = {"step": label, "t": self.ms(), "client": None, "server": None, "listener": None}
        for line in out.splitlines():
            fields = line.split()
            if len(fields) < 5:
                continue
            state, local, peer = SS_STATES.get(fields[0], fields[0]), fields[3], fields[4]
            local_port, peer_port = port_of(local), port_of(peer)
            if local_port == self.port and peer_port is None:
                seen["listener"] = state
            elif local_port == self.port and peer_port == self.client_port:
                seen["server"] = state
            elif self.client_port is not None and local_port == self.client_port and peer_port == self.port:
                seen["client"] = state
        self.observations.append(seen)


def port_of(address):
    host, _, port = address.rpartition(":")
    return None if port == "*" else int(port)


def exchange(r, c, s, request=b"GET /lesson HTTP/1.0\r\n\r\n", reply=b"HTTP/1.0 200 OK\r\n\r\nhello\n"):
    c.sendall(request)
    recv_exactly(s, len(request))
    s.sendall(reply)
    recv_exactly(c, len(reply))


def recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise RuntimeError("peer closed early")
        data += chunk
    return data


def recv_until_eof(sock):
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def close_in_turn(r, first, second, first_name, second_name):
    """`first` closes; once its FIN has been acknowledged on its own, `second` reads to EOF and
    closes too: a four-segment close."""
    first.close()
    time.sleep(PAST_DELAYED_ACK)
    r.observe(f"{first_name} closed, FIN acknowledged")
    assert recv_until_eof(second) == b""
    second.close()
    time.sleep(0.05)
    r.observe(f"{second_name} closed")


def open_connection(r):
    srv = r.listen()
    c = r.client_socket()
    assert r.connect(c)
    s, _ = srv.accept()
    r.observe("connected")
    return srv, c, s


# ----------------------------------------------------------------------------- scenarios

def client_closes_first(r):
    srv, c, s = open_connection(r)
    exchange(r, c, s)
    close_in_turn(r, c, s, "client", "server")
    srv.close()


def server_closes_first(r):
    srv, c, s = open_connection(r)
    exchange(r, c, s)
    close_in_turn(r, s, c, "server", "client")
    srv.close()


def three_segment_close(r):
    srv, c, s = open_connection(r)
    exchange(r, c, s)
    got_eof = threading.Event()

    def server_app():
        # Already blocked in recv when the FIN arrives: closes at once, so its FIN carries
        # the ACK that Linux was delaying (pingpong mode).
        recv_until_eof(s)
        s.close()
        got_eof.set()

    t = threading.Thread(target=server_app)
    t.start()
    time.sleep(0.05)
    c.close()
    got_eof.wait(5)
    t.join()
    time.sleep(0.05)
    r.observe("both closed")
    srv.close()


def refused(r):
    c = r.client_socket()
    r.observe("no listener")
    r.connect(c)
    r.observe("connect failed")
    c.close()


def abort_with_linger_zero(r):
    srv, c, s = open_connection(r)
    exchange(r, c, s)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, (1).to_bytes(4, "little") + (0).to_bytes(4, "little"))
    c.close()
    time.sleep(0.05)
    r.observe("client aborted")
    try:
        s.recv(10)
    except OSError as error:
        r.error("server", error)
    s.close()
    srv.close()


def half_close(r):
    srv, c, s = open_connection(r)
    c.sendall(b"upload: 3 parts please\n")
    c.shutdown(socket.SHUT_WR)
    assert recv_until_eof(s) == b"upload: 3 parts please\n"
    time.sleep(PAST_DELAYED_ACK)
    r.observe("client sent FIN, server still open")
    for part in (b"part 1\n", b"part 2\n", b"part 3\n"):
        s.sendall(part)
        time.sleep(0.02)
    r.observe("server sent data after the client's FIN")
    s.close()
    assert recv_until_eof(c) == b"part 1\npart 2\npart 3\n"
    time.sleep(0.05)
    r.observe("server closed")
    c.close()
    srv.close()


def simultaneous_close(r):
    # lo runs at 64 kbit/s behind a 1600-byte token bucket (set up by the recording script).
    # Two datagrams queued just before the closes empty the bucket and hold both FINs back
    # ~70 ms (well under the 200 ms minimum RTO), so each side sends its FIN before the other's
    # arrives.
    srv, c, s = open_connection(r)
    exchange(r, c, s)
    time.sleep(0.3)
    filler = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for _ in range(2):
        filler.sendto(b"\0" * 700, (V4, 9))
    c.close()
    s.close()
    r.observe("both closed, FINs in flight")
    time.sleep(0.5)
    r.observe("settled")
    srv.close()


def syn_retransmissions(r):
    # A listener behind a firewall that drops SYNs: the client retransmits until it gives up.
    nft_input_drop(f"tcp dport {r.port} tcp flags & (syn|ack) == syn")
    srv = r.listen()
    c = r.client_socket()
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, 2)
    r.observe("before connect")
    r.connect(c)
    r.observe("connect gave up")
    c.close()
    srv.close()


def lost_data_segment(r):
    nft_input_drop(once(f"tcp dport {r.port} tcp flags & psh == psh"))
    srv, c, s = open_connection(r)
    exchange(r, c, s)
    close_in_turn(r, c, s, "client", "server")
    srv.close()


def lost_fin(r):
    nft_input_drop(once(f"tcp dport {r.port} tcp flags & fin == fin"))
    srv, c, s = open_connection(r)
    exchange(r, c, s)
    c.close()
    time.sleep(0.05)
    r.observe("client FIN lost")
    assert recv_until_eof(s) == b""
    time.sleep(PAST_DELAYED_ACK)
    r.observe("client FIN retransmitted and acknowledged")
    s.close()
    time.sleep(0.05)
    r.observe("server closed")
    srv.close()


def port_reuse(r):
    # Client closes first, so the client's 4-tuple sits in TIME-WAIT; loopback's default
    # tcp_tw_reuse=2 lets a new connect() reuse it once the TIME-WAIT is over a second old.
    fixed_port = r.port + 100
    srv = r.listen()
    for round_ in (1, 2):
        c = r.client_socket(bind_port=fixed_port)
        assert r.connect(c)
        s, _ = srv.accept()
        r.observe(f"incarnation {round_} connected")
        exchange(r, c, s)
        close_in_turn(r, c, s, f"incarnation {round_} client", f"incarnation {round_} server")
        if round_ == 1:
            time.sleep(2.1)
    srv.close()


def keepalive(r):
    srv, c, s = open_connection(r)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    exchange(r, c, s)
    time.sleep(2.5)
    r.observe("idle with keep-alive probes")
    close_in_turn(r, c, s, "client", "server")
    srv.close()


SCENARIOS = {
    "handshake-data-client-close": dict(
        port=47001, run=client_closes_first, states=CLIENT_CLOSES_FIRST,
        description="Three-way handshake, a request and a reply, the client closes first; "
                    "the server closes 300 ms later, so the close takes four segments."),
    "server-close-first": dict(
        port=47002, run=server_closes_first,
        states={
            "client": ["CLOSED", "SYN-SENT", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"],
            "server": ["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"],
        },
        description="The server replies and closes first; the client closes 300 ms later, "
                    "so the server ends in TIME-WAIT."),
    "three-segment-close": dict(
        port=47003, run=three_segment_close, states=CLIENT_CLOSES_FIRST,
        description="The client closes; the server, waiting in recv(), closes at once, so its "
                    "FIN carries the ACK of the client's FIN: FIN, FIN+ACK, ACK."),
    "refused": dict(
        port=47004, run=refused,
        states={"client": ["CLOSED", "SYN-SENT", "CLOSED"], "server": ["CLOSED"]},
        description="Nothing listens on the port: the SYN is answered with RST+ACK and "
                    "connect() fails with ECONNREFUSED."),
    "abort-linger-zero": dict(
        port=47005, run=abort_with_linger_zero,
        states={
            "client": ["CLOSED", "SYN-SENT", "ESTABLISHED", "CLOSED"],
            "server": ["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSED"],
        },
        description="After a request and a reply the client sets SO_LINGER to 0 and closes: "
                    "it sends RST instead of FIN; the server's next recv() fails with ECONNRESET."),
    "half-close": dict(
        port=47006, run=half_close, states=CLIENT_CLOSES_FIRST,
        description="The client sends its request and shutdown(SHUT_WR); the server reads to "
                    "EOF and still sends three parts of data before it closes."),
    "simultaneous-close": dict(
        port=47007, run=simultaneous_close,
        states={
            "client": ["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT"],
            "server": ["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT"],
        },
        description="Both ends close at the same moment while loopback is slowed down: the FINs "
                    "cross, both ends pass through CLOSING and both end in TIME-WAIT."),
    "syn-retransmissions": dict(
        port=47008, run=syn_retransmissions,
        states={"client": ["CLOSED", "SYN-SENT"], "server": ["LISTEN"]},
        description="A firewall drops every SYN to a listening port; with TCP_SYNCNT=2 the "
                    "client retransmits its SYN five times, 1 s apart, then connect() fails "
                    "with ETIMEDOUT (the capture cannot show that last step)."),
    "lost-data-segment": dict(
        port=47009, run=lost_data_segment, states=CLIENT_CLOSES_FIRST,
        description="The client's request is dropped on arrival once; the client "
                    "retransmits it."),
    "lost-fin": dict(
        port=47010, run=lost_fin, states=CLIENT_CLOSES_FIRST,
        description="The client's FIN is dropped on arrival once; the client retransmits it "
                    "after its retransmission timeout."),
    "ipv6-handshake-data-client-close": dict(
        port=47011, family=socket.AF_INET6, run=client_closes_first, states=CLIENT_CLOSES_FIRST,
        description="The same conversation as handshake-data-client-close over IPv6 (::1)."),
    "port-reuse-after-time-wait": dict(
        port=47012, run=port_reuse, states=None,
        description="Two connections from the same client port to the same server port: the "
                    "second reuses the 4-tuple the first left in TIME-WAIT (tcp_tw_reuse=2)."),
    "keepalive": dict(
        port=47013, run=keepalive, states=CLIENT_CLOSES_FIRST,
        description="The client enables keep-alive (idle 1 s, interval 1 s) and stays idle "
                    "for 2.5 s: two keep-alive probes and their ACKs, then a normal close."),
}


# Captures cut from a recorded one (by editcap), described but not run.
CUT = {
    "mid-connection": dict(
        states={
            "client": ["ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"],
            "server": ["ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"],
        },
        description="handshake-data-client-close without its first three packets: the capture "
                    "starts mid-connection, so no SYN tells which end is the client."),
}


def describe(name, out_path):
    spec = CUT[name]
    write(out_path, {"name": name, "description": spec["description"],
                     "connections": [{"states": spec["states"]}]})


def write(out_path, result):
    with open(out_path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


def main():
    if sys.argv[1] == "describe":
        describe(sys.argv[2], sys.argv[3])
        return
    name, out_path = sys.argv[1], sys.argv[2]
    spec = SCENARIOS[name]
    family = spec.get("family", socket.AF_INET)
    r = Run(name, spec["port"], family)
    spec["run"](r)
    states = spec["states"]
    result = {
        "name": name,
        "description": spec["description"],
        "serverPort": spec["port"],
        "connections": [{"states": states}] if states else [
            {"states": CLIENT_CLOSES_FIRST}, {"states": CLIENT_CLOSES_FIRST}],
        "errors": r.errors,
        "kernelObservations": r.observations,
    }
    write(out_path, result)


if __name__ == "__main__":
    main()
