/**
 * The commands each capture challenge suggests, for Linux and macOS, with the learner's values
 * filled in. The programs are Python 3 (installed on Linux distributions and with the macOS
 * command line tools) so that both systems run the same code; only the capture interface and the
 * socket listing differ. scripts/record-challenge-captures.sh runs the Linux commands exactly as
 * written here, in a network namespace, to record the test captures.
 */
import type { CaptureValues, CommandStep, Localized, OperatingSystem } from "./types";

/** The loopback interface: Linux calls it lo, macOS lo0. */
const LOOPBACK: Record<OperatingSystem, string> = { linux: "lo", macos: "lo0" };

function capture(os: OperatingSystem, file: string, values: CaptureValues): CommandStep {
  return {
    role: "capture",
    label: {
      en: "Start the capture (root is needed to capture; stop it with Ctrl+C when the programs have ended).",
      zh: "开始抓包（抓包需要 root 权限；程序结束后按 Ctrl+C 停止）。",
    },
    command: `sudo tcpdump -i ${LOOPBACK[os]} -w ${file} 'tcp port ${values.serverPort}'`,
    background: true,
  };
}

function python(script: string): string {
  return `python3 - <<'EOF'\n${script.trim()}\nEOF`;
}

const label = (en: string, zh: string): Localized => ({ en, zh });

export type CommandRecipe = (values: CaptureValues, os: OperatingSystem) => CommandStep[];

const listSockets = (os: OperatingSystem, port: number, linuxFilter: string): string =>
  os === "linux" ? `ss -tan ${linuxFilter}'( sport = :${port} or dport = :${port} )'` : `netstat -an -p tcp | grep '\\.${port} '`;

export const COMMANDS: Readonly<Record<string, CommandRecipe>> = {
  "capture-server-time-wait": (values, os) => [
    capture(os, "time-wait.pcap", values),
    {
      role: "server",
      label: label("The server: accept one connection, send your token, close first.", "服务端：接受一个连接，发送你的令牌，然后先关闭。"),
      command: python(`
import socket
with socket.create_server(("127.0.0.1", ${values.serverPort})) as listener:
    conn, _ = listener.accept()
    conn.sendall(b"${values.token}\\n")
    conn.close()
`),
      background: true,
    },
    {
      role: "client",
      label: label("The client: read until the server's FIN (end of file), then close.", "客户端：一直读到服务端的 FIN（文件结束），然后关闭。"),
      command: python(`
import socket
with socket.create_connection(("127.0.0.1", ${values.serverPort})) as conn:
    while data := conn.recv(1024):
        print(data.decode(), end="")
`),
    },
    {
      role: "observe",
      label: label("Within a minute, see the server's socket in TIME-WAIT.", "一分钟之内，查看服务端处于 TIME-WAIT 的套接字。"),
      command: listSockets(os, values.serverPort, "state time-wait "),
    },
  ],

  "capture-connection-refused": (values, os) => [
    capture(os, "refused.pcap", values),
    {
      role: "observe",
      label: label(`Check that nothing listens on port ${values.serverPort} (no line).`, `确认没有程序监听端口 ${values.serverPort}（没有任何输出）。`),
      command: os === "linux" ? `ss -tln '( sport = :${values.serverPort} )'` : `netstat -an -p tcp | grep LISTEN | grep '\\.${values.serverPort} '`,
    },
    {
      role: "client",
      label: label(
        `The client: connect from port ${values.clientPort} to port ${values.serverPort}; it fails with ConnectionRefusedError.`,
        `客户端：从端口 ${values.clientPort} 连接端口 ${values.serverPort}；它会以 ConnectionRefusedError 失败。`,
      ),
      command: python(`
import socket
with socket.socket() as conn:
    conn.bind(("127.0.0.1", ${values.clientPort}))
    conn.connect(("127.0.0.1", ${values.serverPort}))
`),
    },
  ],

  "capture-half-close": (values, os) => [
    capture(os, "half-close.pcap", values),
    {
      role: "server",
      label: label(
        "The server: read until the client's FIN (end of file), then send your token and close.",
        "服务端：一直读到客户端的 FIN（文件结束），然后发送你的令牌并关闭。",
      ),
      command: python(`
import socket
with socket.create_server(("127.0.0.1", ${values.serverPort})) as listener:
    conn, _ = listener.accept()
    while conn.recv(1024):
        pass
    conn.sendall(b"${values.token}\\n")
    conn.close()
`),
      background: true,
    },
    {
      role: "client",
      label: label(
        "The client: send a line, shut down its sending side only (shutdown(SHUT_WR) sends the FIN), and keep reading.",
        "客户端：发送一行，只关闭发送方向（shutdown(SHUT_WR) 发出 FIN），然后继续读取。",
      ),
      command: python(`
import socket
with socket.create_connection(("127.0.0.1", ${values.serverPort})) as conn:
    conn.sendall(b"hello\\n")
    conn.shutdown(socket.SHUT_WR)
    while data := conn.recv(1024):
        print(data.decode(), end="")
`),
    },
  ],

  "capture-syn-retransmission": (values, os) => [
    capture(os, "syn-retransmission.pcap", values),
    {
      role: "server",
      label: label(
        "The server: listen with a backlog of 0 and never accept, so that one connection fills its accept queue.",
        "服务端：以 0 的 backlog 监听且从不 accept，这样一个连接就会占满它的全连接队列。",
      ),
      command: python(`
import socket, time
with socket.create_server(("127.0.0.1", ${values.serverPort}), backlog=0) as listener:
    time.sleep(60)
`),
      background: true,
    },
    {
      role: "client",
      label: label("A first client: it connects and fills the queue.", "第一个客户端：它完成连接，占满队列。"),
      command: `python3 -c 'import socket, time; c = socket.create_connection(("127.0.0.1", ${values.serverPort})); time.sleep(60)'`,
      background: true,
    },
    {
      role: "client",
      label: label(
        `The second client, from port ${values.clientPort}: the server drops its SYN, so it retransmits it until the 5 s timeout.`,
        `第二个客户端，从端口 ${values.clientPort} 发起：服务端丢弃它的 SYN，于是它不断重传，直到 5 秒超时。`,
      ),
      command: python(`
import socket
with socket.socket() as conn:
    conn.bind(("127.0.0.1", ${values.clientPort}))
    conn.settimeout(5)
    conn.connect(("127.0.0.1", ${values.serverPort}))
`),
    },
  ],

  "capture-unread-rst": (values, os) => [
    capture(os, "unread-rst.pcap", values),
    {
      role: "server",
      label: label("The server: accept one connection, never read, and close it after a second.", "服务端：接受一个连接，从不读取，一秒后关闭它。"),
      command: python(`
import socket, time
with socket.create_server(("127.0.0.1", ${values.serverPort})) as listener:
    conn, _ = listener.accept()
    time.sleep(1)
    conn.close()
`),
      background: true,
    },
    {
      role: "client",
      label: label(
        "The client: send your token and wait; its next read fails with ConnectionResetError.",
        "客户端：发送你的令牌后等待；它接下来的读取会以 ConnectionResetError 失败。",
      ),
      command: python(`
import socket, time
with socket.create_connection(("127.0.0.1", ${values.serverPort})) as conn:
    conn.sendall(b"${values.token}\\n")
    time.sleep(2)
    print(conn.recv(1024))
`),
    },
  ],
};
