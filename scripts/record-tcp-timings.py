#!/usr/bin/env python3
"""Record real Linux TCP behaviour on loopback as timing fixtures for the engine's tests.

Each experiment runs in its own network namespace (fresh per-netns sysctls at their defaults,
its own loopback, its own nftables rules), with tcpdump capturing `lo`. Packets are "lost" by
nftables rules on the input hook, which runs after tcpdump's tap on loopback, so dropped
segments still appear in the capture (as they would on the sender's wire).

Writes tests/fixtures/tcp/kernel-timings.json (segments and socket-level observations, times in
ms relative to each experiment's start) and tests/fixtures/tcp/captures/<experiment>.pcap.

Run as root:  python3 scripts/record-tcp-timings.py [experiment ...]
Takes about 2.5 minutes (experiments run in parallel; the longest waits for ETIMEDOUT).
"""
import errno
import json
import os
import platform
import select
import socket
import struct
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "tests", "fixtures", "tcp")
CAPTURE_DIR = os.path.join(OUT_DIR, "captures")
HOST = "127.0.0.1"

# /proc/net/tcp state codes (include/net/tcp_states.h)
PROC_STATES = {
    "01": "ESTABLISHED", "02": "SYN-SENT", "03": "SYN-RECEIVED", "04": "FIN-WAIT-1",
    "05": "FIN-WAIT-2", "06": "TIME-WAIT", "07": "CLOSED", "08": "CLOSE-WAIT",
    "09": "LAST-ACK", "0A": "LISTEN", "0B": "CLOSING",
}


# ---------------------------------------------------------------- child side (inside netns)

class Recorder:
    def __init__(self):
        self.t0 = time.time()
        self.events = []

    def ms(self):
        return round((time.time() - self.t0) * 1000, 3)

    def note(self, what, **fields):
        self.events.append({"t": self.ms(), "event": what, **fields})


def nft(*args):
    subprocess.run(["nft", *args], check=True)


def drop_rule(expr):
    """Install an input-hook drop rule; returns its handle for removal."""
    nft("add", "table", "inet", "rec")
    nft("add", "chain", "inet", "rec", "in", "{ type filter hook input priority 0 ; }")
    out = subprocess.run(["nft", "-e", "-a", "add", "rule", "inet", "rec", "in", *expr.split(), "drop"],
                         check=True, capture_output=True, text=True).stdout
    return out.rsplit("# handle", 1)[1].strip()


def delete_rule(handle):
    nft("delete", "rule", "inet", "rec", "in", "handle", handle)


def socket_states():
    """{(local_port, remote_port): state} from /proc/net/tcp (includes TIME-WAIT and request socks)."""
    states = {}
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            parts = line.split()
            local_port = int(parts[1].split(":")[1], 16)
            remote_port = int(parts[2].split(":")[1], 16)
            states[(local_port, remote_port)] = PROC_STATES.get(parts[3], parts[3])
    return states


class StateWatcher(threading.Thread):
    """Polls /proc/net/tcp every 20 ms and records every state change of matching sockets."""

    def __init__(self, rec, ports):
        super().__init__(daemon=True)
        self.rec, self.ports, self.stop = rec, set(ports), threading.Event()
        self.last = {}

    def run(self):
        while not self.stop.is_set():
            now = {k: v for k, v in socket_states().items() if k[0] in self.ports or k[1] in self.ports}
            for key in set(self.last) | set(now):
                if self.last.get(key) != now.get(key):
                    self.rec.note("state", local=key[0], remote=key[1],
                                  was=self.last.get(key, "NONE"), now=now.get(key, "GONE"))
            self.last = now
            time.sleep(0.02)


def listener(port, backlog=16):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((HOST, port))
    s.listen(backlog)
    return s


def connected_pair(rec, port):
    srv = listener(port)
    cli = socket.socket()
    cli.connect((HOST, port))
    conn, _ = srv.accept()
    rec.note("established", clientPort=cli.getsockname()[1])
    return srv, cli, conn


def recv_until_eof(sock):
    total = 0
    while True:
        data = sock.recv(65536)
        if not data:
            return total
        total += len(data)


def exp_refused(rec):
    s = socket.socket()
    try:
        s.connect((HOST, 7001))
    except OSError as e:
        rec.note("connect-error", code=errno.errorcode[e.errno])


def exp_syn_retries(rec):
    drop_rule("tcp dport 7002")
    s = socket.socket()
    rec.note("connect")
    try:
        s.connect((HOST, 7002))
        rec.note("connected")
    except OSError as e:
        rec.note("connect-error", code=errno.errorcode[e.errno])


def exp_syn_retries_2(rec):
    """tcp_syn_retries=2: the count budget (2 + 4 linear) or the time budget, whichever ends first."""
    with open("/proc/sys/net/ipv4/tcp_syn_retries", "w") as f:
        f.write("2")
    exp_syn_retries(rec)


def exp_synack_retries(rec):
    srv = listener(7003)
    # Drop the client's bare ACKs so the server's request socket stays in SYN-RECEIVED.
    drop_rule("tcp dport 7003 tcp flags & (fin|syn|rst|ack) == ack")
    watcher = StateWatcher(rec, [7003])
    watcher.start()
    cli = socket.socket()
    cli.connect((HOST, 7003))
    rec.note("client-connected", clientPort=cli.getsockname()[1])
    time.sleep(70)
    watcher.stop.set()
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    cli.close()
    srv.close()


def exp_passive_close(rec, port, delay_s):
    srv, cli, conn = connected_pair(rec, port)
    done = threading.Event()

    def server():
        got = recv_until_eof(conn)
        rec.note("server-eof", bytes=got)
        time.sleep(delay_s)
        conn.close()
        rec.note("server-close")
        done.set()

    threading.Thread(target=server, daemon=True).start()
    time.sleep(0.1)
    cli.sendall(b"x" * 100)
    time.sleep(0.1)
    rec.note("client-close")
    cli.close()
    done.wait(5)
    time.sleep(0.3)
    srv.close()


def exp_fin_wait_2(rec):
    srv, cli, conn = connected_pair(rec, 7006)
    watcher = StateWatcher(rec, [7006])
    watcher.start()
    time.sleep(0.1)
    rec.note("client-close")
    cli.close()  # orphaned: FIN-WAIT-2 is bounded by tcp_fin_timeout
    time.sleep(65)
    rec.note("server-close")
    conn.close()  # the peer's FIN now meets no socket
    time.sleep(0.5)
    watcher.stop.set()
    srv.close()


def exp_time_wait(rec):
    srv, cli, conn = connected_pair(rec, 7007)
    watcher = StateWatcher(rec, [7007])
    watcher.start()
    time.sleep(0.1)
    rec.note("client-close")
    cli.close()
    recv_until_eof(conn)
    conn.close()
    time.sleep(61.5)
    watcher.stop.set()
    srv.close()


def exp_last_ack(rec):
    srv, cli, conn = connected_pair(rec, 7008)
    watcher = StateWatcher(rec, [7008])
    watcher.start()
    time.sleep(0.1)
    # Lose the active closer's ACKs of the server's FIN for one second.
    handle = drop_rule("tcp dport 7008 tcp flags & (fin|syn|rst|ack) == ack")
    rec.note("client-close")
    cli.close()
    recv_until_eof(conn)
    conn.close()
    rec.note("server-close")
    time.sleep(1.0)
    delete_rule(handle)
    rec.note("drops-end")
    time.sleep(65)  # long enough to see whether TIME-WAIT restarted on each retransmitted FIN
    watcher.stop.set()
    srv.close()


def exp_simultaneous_close(rec):
    srv, cli, conn = connected_pair(rec, 7009)
    watcher = StateWatcher(rec, [7009])
    watcher.start()
    time.sleep(0.1)
    # Both FINs are lost once, so each side is in FIN-WAIT-1 when the other's FIN arrives.
    handle = drop_rule("tcp flags & fin == fin")
    rec.note("both-close")
    cli.close()
    conn.close()
    time.sleep(0.1)
    delete_rule(handle)
    time.sleep(1.5)
    watcher.stop.set()
    srv.close()


def exp_simultaneous_open(rec):
    handle = drop_rule("tcp flags & (syn|ack) == syn")
    a, b = socket.socket(), socket.socket()
    for s, port in ((a, 7010), (b, 7011)):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((HOST, port))
        s.setblocking(False)
    rec.note("both-connect")
    for s, port in ((a, 7011), (b, 7010)):
        try:
            s.connect((HOST, port))
        except BlockingIOError:
            pass
    time.sleep(0.3)
    delete_rule(handle)
    _, writable, _ = select.select([], [a, b], [], 5)
    for s, name in ((a, "a"), (b, "b")):
        err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        rec.note("connect-result", sock=name, writable=s in writable,
                 code=errno.errorcode.get(err, "OK") if err else "OK")
    time.sleep(0.2)
    for s in (a, b):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()


def exp_abort(rec):
    srv, cli, conn = connected_pair(rec, 7012)
    time.sleep(0.1)
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    rec.note("client-abort")
    cli.close()
    time.sleep(0.1)
    try:
        conn.recv(10)
        rec.note("server-recv-ok")
    except OSError as e:
        rec.note("server-recv-error", code=errno.errorcode[e.errno])
    srv.close()


def exp_data_after_close(rec):
    srv, cli, conn = connected_pair(rec, 7013)
    time.sleep(0.1)
    rec.note("client-close")
    cli.close()
    time.sleep(0.2)
    rec.note("server-send")
    conn.send(b"y" * 10)
    time.sleep(0.1)
    try:
        conn.send(b"y" * 10)
        rec.note("server-second-send-ok")
    except OSError as e:
        rec.note("server-second-send-error", code=errno.errorcode[e.errno])
    srv.close()


def exp_half_close(rec):
    srv, cli, conn = connected_pair(rec, 7014)
    time.sleep(0.1)
    rec.note("client-shutdown")
    cli.shutdown(socket.SHUT_WR)
    recv_until_eof(conn)
    time.sleep(0.1)
    conn.send(b"z" * 100)
    rec.note("server-send")
    time.sleep(0.3)
    conn.send(b"z" * 100)
    rec.note("server-send")
    time.sleep(0.1)
    conn.close()
    rec.note("server-close")
    got = recv_until_eof(cli)
    rec.note("client-eof", bytes=got)
    time.sleep(0.1)
    cli.close()
    rec.note("client-close")
    time.sleep(0.2)
    srv.close()


def exp_time_wait_syn(rec):
    """Server closes first (TIME-WAIT on the server); the client reconnects from the same port."""
    srv, cli, conn = connected_pair(rec, 7015)
    port = cli.getsockname()[1]
    watcher = StateWatcher(rec, [7015])
    watcher.start()
    time.sleep(0.1)
    rec.note("server-close")
    conn.close()
    recv_until_eof(cli)
    cli.close()
    time.sleep(0.3)
    again = socket.socket()
    again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    again.bind((HOST, port))
    rec.note("reconnect", clientPort=port)
    try:
        again.connect((HOST, 7015))
        rec.note("reconnect-ok")
    except OSError as e:
        rec.note("reconnect-error", code=errno.errorcode[e.errno])
    time.sleep(0.3)
    watcher.stop.set()
    again.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    again.close()
    srv.close()


def exp_port_exhaustion(rec, tw_reuse, server_closes_first):
    """10 ephemeral ports, 5 connects/s for 4 s: who holds TIME-WAIT decides whether connects fail."""
    with open("/proc/sys/net/ipv4/ip_local_port_range", "w") as f:
        f.write("40000 40009")
    with open("/proc/sys/net/ipv4/tcp_tw_reuse", "w") as f:
        f.write(str(tw_reuse))
    srv = listener(7016, 128)
    for i in range(20):
        due = i * 0.2
        time.sleep(max(0.0, due - (time.time() - rec.t0)))
        c = socket.socket()
        try:
            c.connect((HOST, 7016))
        except OSError as e:
            rec.note("connect", n=i + 1, code=errno.errorcode[e.errno])
            c.close()
            continue
        conn, _ = srv.accept()
        rec.note("connect", n=i + 1, code="OK", clientPort=c.getsockname()[1])
        first, second = (conn, c) if server_closes_first else (c, conn)
        first.close()
        recv_until_eof(second)
        second.close()
    srv.close()


def exp_accept_queue(rec):
    """listen(backlog=4) and never accept: how many handshakes complete on the server."""
    srv = listener(7017, 4)
    clients = []
    for _ in range(10):
        c = socket.socket()
        c.setblocking(False)
        try:
            c.connect((HOST, 7017))
        except BlockingIOError:
            pass
        clients.append(c)
        time.sleep(0.01)
    time.sleep(0.5)
    states = socket_states()
    server_side = [v for (lp, _), v in states.items() if lp == 7017 and v != "LISTEN"]
    client_side = [v for (lp, rp), v in states.items() if rp == 7017]
    rec.note("accept-queue", backlog=4,
             serverSide={s: server_side.count(s) for s in sorted(set(server_side))},
             clientSide={s: client_side.count(s) for s in sorted(set(client_side))})
    for c in clients:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()
    srv.close()


def exp_rst_in_close_wait(rec):
    """The peer half-closes, then aborts: what the CLOSE-WAIT side's application sees."""
    srv, cli, conn = connected_pair(rec, 7019)
    time.sleep(0.1)
    cli.shutdown(socket.SHUT_WR)
    recv_until_eof(conn)
    rec.note("server-close-wait")
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    cli.close()
    rec.note("client-abort")
    time.sleep(0.1)
    err = conn.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    rec.note("server-so-error", code=errno.errorcode.get(err, "OK") if err else "OK")
    try:
        data = conn.recv(10)
        rec.note("server-recv", bytes=len(data))
    except OSError as e:
        rec.note("server-recv-error", code=errno.errorcode[e.errno])
    try:
        conn.send(b"w")
        rec.note("server-send-ok")
    except OSError as e:
        rec.note("server-send-error", code=errno.errorcode[e.errno])
    srv.close()


def exp_syn_queue(rec, syncookies):
    """listen(4), final ACKs lost so requests stay in SYN-RECEIVED: how many the SYN queue holds."""
    with open("/proc/sys/net/ipv4/tcp_syncookies", "w") as f:
        f.write(str(syncookies))
    srv = listener(7018, 4)
    drop_rule("tcp dport 7018 tcp flags & (fin|syn|rst|ack) == ack")
    clients = []
    for _ in range(10):
        c = socket.socket()
        c.setblocking(False)
        try:
            c.connect((HOST, 7018))
        except BlockingIOError:
            pass
        clients.append(c)
        time.sleep(0.01)
    time.sleep(0.5)
    states = socket_states()
    server_side = [v for (lp, _), v in states.items() if lp == 7018 and v != "LISTEN"]
    client_side = [v for (lp, rp), v in states.items() if rp == 7018]
    rec.note("syn-queue", backlog=4, syncookies=syncookies,
             serverSide={s: server_side.count(s) for s in sorted(set(server_side))},
             clientSide={s: client_side.count(s) for s in sorted(set(client_side))})
    for c in clients:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()
    srv.close()


# ---------------------------------------------------------------- the rest of the socket model

def set_sysctl(name, value):
    with open(f"/proc/sys/net/ipv4/{name}", "w") as f:
        f.write(str(value))


def cut_link(port):
    """The path is cut both ways: every segment of the connection is dropped on input (after tcpdump's tap)."""
    drop_rule(f"tcp dport {port}")
    drop_rule(f"tcp sport {port}")


def wait_for_error(rec, sock, who, timeout):
    """Blocks in recv() until the connection fails (or `timeout` passes); notes the errno."""
    sock.settimeout(timeout)
    try:
        data = sock.recv(65536)
        rec.note(f"{who}-recv", bytes=len(data))
    except OSError as e:
        # socket.timeout is TimeoutError, which an ETIMEDOUT from the kernel also raises: tell them by errno.
        if e.errno is None:
            rec.note(f"{who}-still-open")
        else:
            rec.note(f"{who}-error", code=errno.errorcode[e.errno])


def small_mtu():
    """MSS 1448 as on Ethernet (1460 minus the timestamp option), so windows hold a few segments."""
    subprocess.run(["ip", "link", "set", "lo", "mtu", "1500"], check=True)


def exp_keepalive_dead_peer(rec):
    """Keep-alive idle 2 s, interval 1 s, 3 probes; the path is cut after the first answered probe."""
    srv = listener(7020)
    cli = socket.socket()
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 2)
    cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)
    cli.connect((HOST, 7020))
    conn, _ = srv.accept()
    rec.note("established", clientPort=cli.getsockname()[1])
    cli.send(b"hello")
    conn.recv(10)
    time.sleep(3.0)
    cut_link(7020)
    rec.note("link-cut")
    wait_for_error(rec, cli, "client", 10)
    conn.close()
    srv.close()


def slow_reader(rec, port, sender_options=()):
    """The server's SO_RCVBUF is 4096 (a window of two segments) and it does not read."""
    small_mtu()
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    rec.note("rcvbuf", value=srv.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
    srv.bind((HOST, port))
    srv.listen(4)
    cli = socket.socket()
    for level, name, value in sender_options:
        cli.setsockopt(level, name, value)
    cli.connect((HOST, port))
    conn, _ = srv.accept()
    rec.note("established", clientPort=cli.getsockname()[1])
    cli.setblocking(False)
    rec.note("client-send", bytes=cli.send(b"x" * 6000))
    return srv, cli, conn


def exp_zero_window(rec):
    """The server stops reading: zero window, probes, then a read at 3 s reopens the window."""
    srv, cli, conn = slow_reader(rec, 7021)
    time.sleep(3.0)
    rec.note("server-read", bytes=len(conn.recv(65536)))
    time.sleep(3.0)
    rec.note("server-read", bytes=len(conn.recv(65536)))
    time.sleep(0.5)
    cli.close()
    time.sleep(0.2)
    conn.close()
    srv.close()


def exp_zero_window_dead(rec):
    """tcp_retries2=3: the window is closed and then the path is cut: the probes go unanswered."""
    set_sysctl("tcp_retries2", 3)
    srv, cli, conn = slow_reader(rec, 7022)
    time.sleep(1.0)
    cut_link(7022)
    rec.note("link-cut")
    cli.setblocking(True)
    wait_for_error(rec, cli, "client", 60)
    srv.close()


def exp_zero_window_user_timeout(rec):
    """The receiver answers every probe but never reads; the sender has TCP_USER_TIMEOUT 2000 ms."""
    srv, cli, conn = slow_reader(rec, 7023, [(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 2000)])
    cli.setblocking(True)
    wait_for_error(rec, cli, "client", 20)
    conn.close()
    srv.close()


def exp_close_unread(rec):
    """The server never reads the client's 1000 bytes and closes: RST, ECONNRESET at the client."""
    srv, cli, conn = connected_pair(rec, 7024)
    cli.send(b"u" * 1000)
    time.sleep(0.2)
    rec.note("server-close")
    conn.close()
    wait_for_error(rec, cli, "client", 2)
    srv.close()


def exp_retries2(rec):
    """tcp_retries2=3: data sent into a cut path; when does the sender give up?"""
    set_sysctl("tcp_retries2", 3)
    srv, cli, conn = connected_pair(rec, 7025)
    time.sleep(0.1)
    cut_link(7025)
    rec.note("client-send", bytes=cli.send(b"r" * 100))
    wait_for_error(rec, cli, "client", 30)
    srv.close()


def exp_user_timeout(rec):
    """TCP_USER_TIMEOUT 5000 ms (tcp_retries2 at its default 15): data into a cut path."""
    srv, cli, conn = connected_pair(rec, 7026)
    cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 5000)
    time.sleep(0.1)
    cut_link(7026)
    rec.note("client-send", bytes=cli.send(b"t" * 100))
    wait_for_error(rec, cli, "client", 30)
    srv.close()


def exp_orphan_retries(rec):
    """tcp_orphan_retries=2: the client closes into a cut path; its orphaned FIN-WAIT-1 gives up."""
    set_sysctl("tcp_orphan_retries", 2)
    srv, cli, conn = connected_pair(rec, 7027)
    watcher = StateWatcher(rec, [7027])
    watcher.start()
    time.sleep(0.1)
    cut_link(7027)
    rec.note("client-close")
    cli.close()
    time.sleep(4.0)
    watcher.stop.set()
    srv.close()


EXPERIMENTS = {
    "refused": (exp_refused, "connect() to a port with no listener"),
    "syn-retries": (exp_syn_retries, "connect() to a silent port (SYNs dropped) until ETIMEDOUT"),
    "syn-retries-2": (exp_syn_retries_2, "as syn-retries, with tcp_syn_retries=2"),
    "synack-retries": (exp_synack_retries, "client's ACK of the SYN-ACK always lost: server retransmits SYN-ACK"),
    "passive-close-immediate": (lambda r: exp_passive_close(r, 7004, 0.0),
                                "client sends 100 bytes and closes; server closes as soon as it reads EOF"),
    "passive-close-delayed": (lambda r: exp_passive_close(r, 7005, 0.5),
                              "client sends 100 bytes and closes; server closes 500 ms after EOF"),
    "fin-wait-2-orphan": (exp_fin_wait_2, "client closes, server never does for 65 s"),
    "time-wait": (exp_time_wait, "client closes first; how long TIME-WAIT lasts"),
    "last-ack-retransmit": (exp_last_ack, "the active closer's ACKs of the peer's FIN are lost for 1 s"),
    "simultaneous-close": (exp_simultaneous_close, "both close; both first FINs lost, so the retransmitted FINs cross"),
    "simultaneous-open": (exp_simultaneous_open, "two bound sockets connect to each other; first SYNs lost"),
    "abort": (exp_abort, "SO_LINGER 0 close on an established connection"),
    "data-after-close": (exp_data_after_close, "server sends data to a client that called close()"),
    "half-close": (exp_half_close, "client shutdown(SHUT_WR); server keeps sending"),
    "time-wait-syn": (exp_time_wait_syn, "server closes first; client reconnects from the same port"),
    "ports-reuse0-client-closes": (lambda r: exp_port_exhaustion(r, 0, False),
                                   "10 local ports, 5 connects/s, client closes first, tcp_tw_reuse=0"),
    "ports-reuse2-client-closes": (lambda r: exp_port_exhaustion(r, 2, False),
                                   "10 local ports, 5 connects/s, client closes first, tcp_tw_reuse=2 (loopback)"),
    "ports-reuse0-server-closes": (lambda r: exp_port_exhaustion(r, 0, True),
                                   "10 local ports, 5 connects/s, server closes first, tcp_tw_reuse=0"),
    "accept-queue": (exp_accept_queue, "listen(4), 10 connects, no accept()"),
    "rst-in-close-wait": (exp_rst_in_close_wait, "peer half-closes then aborts; the CLOSE-WAIT side's errors"),
    "syn-queue-nocookies": (lambda r: exp_syn_queue(r, 0),
                            "tcp_syncookies=0, listen(4), 10 SYNs whose final ACK is lost"),
    "syn-queue-cookies": (lambda r: exp_syn_queue(r, 1),
                          "tcp_syncookies=1, listen(4), 10 SYNs whose final ACK is lost"),
    "keepalive-dead-peer": (exp_keepalive_dead_peer,
                            "keep-alive 2 s / 1 s / 3 probes; the path is cut after the first answered probe"),
    "zero-window": (exp_zero_window, "server SO_RCVBUF 4096, not reading; reads at 3 s and 6 s (lo MTU 1500)"),
    "zero-window-dead": (exp_zero_window_dead, "tcp_retries2=3; zero window, then the path is cut: unanswered probes"),
    "zero-window-user-timeout": (exp_zero_window_user_timeout,
                                 "the sender's TCP_USER_TIMEOUT is 2000 ms; the receiver answers probes but never reads"),
    "close-unread": (exp_close_unread, "the server closes with 1000 bytes unread"),
    "retries2": (exp_retries2, "tcp_retries2=3; 100 bytes sent into a cut path"),
    "user-timeout": (exp_user_timeout, "TCP_USER_TIMEOUT 5000 ms; 100 bytes sent into a cut path"),
    "orphan-retries": (exp_orphan_retries, "tcp_orphan_retries=2; close() into a cut path"),
}


def child(name):
    rec = Recorder()
    EXPERIMENTS[name][0](rec)
    print(json.dumps({"t0": rec.t0, "events": rec.events}))


# ---------------------------------------------------------------- parent side

def parse_pcap(path, t0):
    """Minimal reader for tcpdump's loopback captures (Ethernet link type, IPv4 TCP only)."""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    nanos = magic in (0xA1B23C4D, 0x4D3CB2A1)
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    assert linktype == 1, f"unexpected link type {linktype}"
    offset, segments = 24, []
    while offset + 16 <= len(data):
        sec, frac, incl, _orig = struct.unpack(endian + "IIII", data[offset:offset + 16])
        frame = data[offset + 16:offset + 16 + incl]
        offset += 16 + incl
        if struct.unpack("!H", frame[12:14])[0] != 0x0800:
            continue
        ip = frame[14:]
        ihl = (ip[0] & 0x0F) * 4
        total_len = struct.unpack("!H", ip[2:4])[0]
        if ip[9] != 6:
            continue
        tcp = ip[ihl:]
        sport, dport, seq, ack = struct.unpack("!HHII", tcp[:12])
        data_off = (tcp[12] >> 4) * 4
        flag_bits = tcp[13]
        # Header bit order (as Wireshark lists them and as the engine's trace does).
        names = [n for bit, n in ((0x01, "FIN"), (0x02, "SYN"), (0x04, "RST"), (0x08, "PSH"),
                                  (0x10, "ACK"), (0x20, "URG")) if flag_bits & bit]
        t = sec + frac / (1e9 if nanos else 1e6)
        segments.append({
            "t": round((t - t0) * 1000, 3), "sport": sport, "dport": dport, "flags": names,
            "seq": seq, "ack": ack if flag_bits & 0x10 else None, "len": total_len - ihl - data_off,
        })
    return segments


def run_experiment(name, results):
    ns = f"rec-{name}"
    subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)
    subprocess.run(["ip", "netns", "add", ns], check=True)
    try:
        subprocess.run(["ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"], check=True)
        pcap = os.path.join(CAPTURE_DIR, f"{name}.pcap")
        dump = subprocess.Popen(["ip", "netns", "exec", ns, "tcpdump", "-i", "lo", "-s", "128", "-U", "--immediate-mode",
                                 "-w", pcap, "tcp"], stderr=subprocess.PIPE, text=True)
        dump.stderr.readline()  # "listening on lo ..." once the capture is live
        out = subprocess.run(["ip", "netns", "exec", ns, sys.executable, os.path.abspath(__file__),
                              "--child", name], check=True, capture_output=True, text=True).stdout
        time.sleep(1.0)  # let the last packets reach the file before stopping tcpdump
        dump.terminate()
        dump.wait()
        child_result = json.loads(out)
        results[name] = {
            "description": EXPERIMENTS[name][1],
            "segments": parse_pcap(pcap, child_result["t0"]),
            "events": child_result["events"],
        }
        print(f"recorded {name}", file=sys.stderr)
    finally:
        subprocess.run(["ip", "netns", "del", ns])


def read_sysctl(path):
    with open(path) as f:
        return f.read().strip()


def parent(selected):
    os.makedirs(CAPTURE_DIR, exist_ok=True)
    out_path = os.path.join(OUT_DIR, "kernel-timings.json")
    previous = {}
    if os.path.exists(out_path):
        with open(out_path) as f:
            previous = json.load(f).get("experiments", {})
    results = {}
    threads = [threading.Thread(target=run_experiment, args=(n, results)) for n in selected]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sysctls = {name: read_sysctl(f"/proc/sys/net/ipv4/{name}") for name in (
        "tcp_syn_retries", "tcp_syn_linear_timeouts", "tcp_synack_retries", "tcp_fin_timeout",
        "tcp_tw_reuse", "tcp_tw_reuse_delay", "tcp_max_tw_buckets", "tcp_max_syn_backlog",
        "tcp_syncookies", "ip_local_port_range", "tcp_timestamps", "tcp_rto_min_us", "tcp_retries2",
        "tcp_orphan_retries")}
    sysctls["somaxconn"] = read_sysctl("/proc/sys/net/core/somaxconn")
    document = {
        "recordedWith": "scripts/record-tcp-timings.py",
        "kernel": platform.release(),
        "recordedAt": time.strftime("%Y-%m-%d", time.gmtime()),
        "sysctls": sysctls,
        "experiments": {**previous, **results},
    }
    with open(out_path, "w") as f:
        json.dump(document, f, indent=1, sort_keys=True)
        f.write("\n")
    missing = [n for n in selected if n not in results]
    if missing:
        sys.exit(f"experiments failed: {missing}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        names = sys.argv[1:] or list(EXPERIMENTS)
        unknown = [n for n in names if n not in EXPERIMENTS]
        if unknown:
            sys.exit(f"unknown experiments: {unknown}; known: {list(EXPERIMENTS)}")
        parent(names)
