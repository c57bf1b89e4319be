"""Network namespaces, TUN devices and sock_diag for the kernel differential test.

Standard library only (ctypes for unshare/setns). Everything here needs root.
"""
import ctypes
import fcntl
import os
import socket
import struct
import subprocess

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000

_libc = ctypes.CDLL(None, use_errno=True)


def unshare_net():
    """Moves the calling thread into a new network namespace."""
    if _libc.unshare(CLONE_NEWNET) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"unshare(CLONE_NEWNET): {os.strerror(errno)}")


def enter(ns_fd):
    """Moves the calling thread into the namespace `ns_fd` refers to."""
    if _libc.setns(ns_fd, CLONE_NEWNET) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"setns: {os.strerror(errno)}")


def current_namespace():
    return os.open("/proc/thread-self/ns/net", os.O_RDONLY)


def ensure_tun_device():
    """Containers often lack the device node even when the kernel has TUN built in."""
    if os.path.exists("/dev/net/tun"):
        return
    os.makedirs("/dev/net", exist_ok=True)
    os.mknod("/dev/net/tun", 0o600 | 0o020000, os.makedev(10, 200))


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def write_sysctl(name, value):
    """`name` like "net/ipv4/tcp_syn_retries"; written in the calling thread's namespace."""
    with open(f"/proc/sys/{name}", "w") as f:
        f.write(" ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value))


def read_sysctl(name):
    with open(f"/proc/sys/{name}") as f:
        return f.read().strip()


def run(*argv):
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)


# ------------------------------------------------------------------------------- sock_diag

# include/net/tcp_states.h
LINUX_STATES = {
    1: "ESTABLISHED", 2: "SYN-SENT", 3: "SYN-RECEIVED", 4: "FIN-WAIT-1", 5: "FIN-WAIT-2",
    6: "TIME-WAIT", 7: "CLOSED", 8: "CLOSE-WAIT", 9: "LAST-ACK", 10: "LISTEN", 11: "CLOSING",
    12: "SYN-RECEIVED",  # TCP_NEW_SYN_RECV: a request socket, shown as SYN-RECV by ss
}

NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
NLM_F_REQUEST = 0x1
NLM_F_DUMP = 0x300
NLMSG_DONE = 3
NLMSG_ERROR = 2
# TCP_LISTEN (10) and TCP_BOUND_INACTIVE (13: sockets only bound, dumped as CLOSE since 6.x).
ALL_BUT_LISTEN = 0xFFFFFFFF & ~(1 << 10) & ~(1 << 13)


class SockDiag:
    """What `ss -tan` reads: every TCP socket of the namespace it was created in."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
        self.sock.bind((0, 0))
        self.seq = 0

    def tcp_sockets(self, family=socket.AF_INET):
        """[(state, local_port, remote_port, timer, retransmits, expires_ms)] for every TCP socket
        but listeners (leaving LISTEN out spares the kernel a walk of the global listening hash)
        and sockets that are only bound."""
        self.seq += 1
        request = struct.pack("=BBBxI", family, socket.IPPROTO_TCP, 0, ALL_BUT_LISTEN) + b"\0" * 48
        header = struct.pack("=IHHII", 16 + len(request), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, self.seq, 0)
        self.sock.send(header + request)
        found = []
        while True:
            data = self.sock.recv(65536)
            offset = 0
            while offset + 16 <= len(data):
                length, kind = struct.unpack_from("=IH", data, offset)
                if kind == NLMSG_DONE:
                    return found
                if kind == NLMSG_ERROR:
                    (error,) = struct.unpack_from("=i", data, offset + 16)
                    raise OSError(-error, "sock_diag dump failed")
                body = offset + 16
                _family, state, timer, retrans = struct.unpack_from("=BBBB", data, body)
                sport, dport = struct.unpack_from(">HH", data, body + 4)
                (expires,) = struct.unpack_from("=I", data, body + 52)
                found.append((LINUX_STATES.get(state, str(state)), sport, dport, timer, retrans, expires))
                offset += (length + 3) & ~3
            if offset == 0:
                return found
