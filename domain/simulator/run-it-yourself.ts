/**
 * "Run it yourself": for each capture the course shows, the exact commands that record the same
 * conversation on one's own Linux machine. Each is a short Python program (client and server in
 * one, about ten lines) run in a throwaway network namespace, with tcpdump recording it and `ss`
 * to watch the states. They mirror the experiments of scripts/record-tcp-timings.py that recorded
 * the samples; the kernel differential test runs them and compares their captures with the ones
 * shown (docs/kernel-differential.md).
 */
import type { Locale } from "@/domain/locale";
import { CAPTURE_SAMPLES } from "./capture-samples";

export interface RunItYourself {
  /** The capture sample it reproduces. */
  sample: string;
  /** The port the conversation uses (tcpdump's filter; ss's). */
  port: number;
  /** How long tcpdump records, in seconds: the program's run plus a margin. */
  seconds: number;
  /** The program, saved as `<sample>.py`. */
  program: string;
  /** What to look for, in English and Chinese. */
  lookFor: Record<Locale, string>;
}

/** A namespace of one's own: its loopback, its firewall and its sysctls, so nothing else is touched. */
export const NAMESPACE = "tcpdemo";

/** The shell commands around a program, as a reader types them (root needed for the namespace). */
export function shellCommands(recipe: RunItYourself): string[] {
  const inside = `sudo ip netns exec ${NAMESPACE}`;
  return [
    `sudo ip netns add ${NAMESPACE} && ${inside} ip link set lo up`,
    `${inside} timeout ${recipe.seconds} tcpdump -i lo --immediate-mode -U -w ${recipe.sample}.pcap tcp port ${recipe.port} &`,
    `sleep 2; ${inside} python3 ${recipe.sample}.py; wait`,
    `sudo ip netns del ${NAMESPACE}`,
  ];
}

/** Watching the states while it runs, from a second terminal. */
export function watchCommand(recipe: RunItYourself): string {
  return `sudo ip netns exec ${NAMESPACE} ss -tan state all '( sport = :${recipe.port} or dport = :${recipe.port} )'`;
}

/** Drop matching segments on arrival (after tcpdump saw them): the firewall rule the lossy samples use. */
const DROP = `def drop(rule):                                # an nftables rule on input, after tcpdump's tap
    for command in ("add table inet demo", "add chain inet demo in { type filter hook input priority 0; }", f"add rule inet demo in {rule} drop"):
        subprocess.run(["nft", command], check=True)`;

const passiveClose = (port: number, delay: number) => `import socket, threading, time
srv = socket.create_server(("127.0.0.1", ${port}))
cli = socket.create_connection(("127.0.0.1", ${port})); conn, _ = srv.accept()
def server():
    while conn.recv(65536): pass               # read up to the client's FIN (end of file)
    time.sleep(${delay}); conn.close()${delay > 0 ? "            # close half a second later" : "                 # close at once"}
threading.Thread(target=server).start()
time.sleep(0.1); cli.sendall(b"x" * 100)
time.sleep(0.1); cli.close(); time.sleep(1)
`;

export const RUN_IT_YOURSELF: readonly RunItYourself[] = [
  {
    sample: "passive-close-delayed",
    port: 7005,
    seconds: 5,
    program: passiveClose(7005, 0.5),
    lookFor: {
      en: "After the client's FIN, the server's ACK comes alone about 40 ms later (the delayed ACK), and its FIN half a second after that.",
      zh: "客户端的 FIN 之后，服务端的 ACK 大约 40 毫秒后单独到来（延迟确认），它的 FIN 再过半秒才发出。",
    },
  },
  {
    sample: "passive-close-immediate",
    port: 7004,
    seconds: 5,
    program: passiveClose(7004, 0),
    lookFor: {
      en: "Three segments close the connection: FIN, FIN+ACK, ACK. The server's FIN carries the ACK it was delaying.",
      zh: "三个报文段关闭连接：FIN、FIN+ACK、ACK。服务端的 FIN 捎带了它正在延迟的 ACK。",
    },
  },
  {
    sample: "half-close",
    port: 7014,
    seconds: 5,
    program: `import socket, time
srv = socket.create_server(("127.0.0.1", 7014))
cli = socket.create_connection(("127.0.0.1", 7014)); conn, _ = srv.accept()
time.sleep(0.1); cli.shutdown(socket.SHUT_WR)  # FIN: the client has nothing more to send
while conn.recv(65536): pass                   # the server reads to the end of file...
time.sleep(0.1); conn.send(b"z" * 100)         # ...and still sends
time.sleep(0.3); conn.send(b"z" * 100)
time.sleep(0.1); conn.close()
while cli.recv(65536): pass                    # the half-closed client keeps receiving
time.sleep(0.1); cli.close(); time.sleep(0.2)
`,
    lookFor: {
      en: "After the client's FIN, the server's data still flows to the client and is acknowledged; the server's FIN comes last.",
      zh: "客户端发出 FIN 之后，服务端的数据仍然发往客户端并得到确认；服务端的 FIN 最后才到。",
    },
  },
  {
    sample: "last-ack-retransmit",
    port: 7008,
    seconds: 70,
    program: `import socket, subprocess, time
${DROP}
srv = socket.create_server(("127.0.0.1", 7008))
cli = socket.create_connection(("127.0.0.1", 7008)); conn, _ = srv.accept()
time.sleep(0.1); drop("tcp dport 7008 tcp flags & (fin|syn|rst|ack) == ack")   # lose the client's bare ACKs
cli.close()
while conn.recv(65536): pass
conn.close()                                   # the server's FIN is never acknowledged...
time.sleep(1); subprocess.run(["nft", "flush ruleset"])  # ...for one second
time.sleep(65)                                 # watch TIME-WAIT restart on each FIN
`,
    lookFor: {
      en: "The server retransmits its FIN from LAST-ACK after about 0.2, 0.2, 0.4 s; the client in TIME-WAIT answers every copy.",
      zh: "服务端在 LAST-ACK 中先后在约 0.2、0.2、0.4 秒后重传它的 FIN；处于 TIME-WAIT 的客户端回应每一个副本。",
    },
  },
  {
    sample: "simultaneous-open",
    port: 7010,
    seconds: 4,
    program: `import select, socket, struct, subprocess, time
${DROP}
drop("tcp flags & (syn|ack) == syn")           # lose the first SYNs, so the retransmitted ones cross
a, b = socket.socket(), socket.socket()
a.bind(("127.0.0.1", 7010)); b.bind(("127.0.0.1", 7011))
a.setblocking(False); b.setblocking(False)
for s, port in ((a, 7011), (b, 7010)): s.connect_ex(("127.0.0.1", port))
time.sleep(0.3); subprocess.run(["nft", "flush ruleset"])
select.select([], [a, b], [], 5); time.sleep(0.2)  # connected: both ESTABLISHED
for s in (a, b): s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)); s.close()
`,
    lookFor: {
      en: "Both sockets send a SYN; each answers the other's with a SYN+ACK, and each ACKs the other's: six segments, no listener.",
      zh: "两个套接字都发出 SYN；各自用 SYN+ACK 回应对方的 SYN，再各自确认对方的 SYN+ACK：共六个报文段，没有监听套接字。",
    },
  },
  {
    sample: "simultaneous-close",
    port: 7009,
    seconds: 4,
    program: `import socket, subprocess, time
${DROP}
srv = socket.create_server(("127.0.0.1", 7009))
cli = socket.create_connection(("127.0.0.1", 7009)); conn, _ = srv.accept()
time.sleep(0.1); drop("tcp flags & fin == fin")  # lose both first FINs...
cli.close(); conn.close()
time.sleep(0.1); subprocess.run(["nft", "flush ruleset"])
time.sleep(1.5)                                # ...so the retransmitted FINs cross
`,
    lookFor: {
      en: "The retransmitted FINs cross: each side is in FIN-WAIT-1 when the other's FIN arrives, ACKs it, and both go through CLOSING to TIME-WAIT.",
      zh: "重传的两个 FIN 交错而过：对方的 FIN 到达时，每一端都处于 FIN-WAIT-1，确认它之后，两端都经过 CLOSING 进入 TIME-WAIT。",
    },
  },
  {
    sample: "refused",
    port: 7001,
    seconds: 3,
    program: `import socket
c = socket.socket()
try:
    c.connect(("127.0.0.1", 7001))             # nobody listens on this port
except OSError as e:
    print("connect():", e.strerror)            # Connection refused (ECONNREFUSED)
`,
    lookFor: {
      en: "One SYN, answered by RST+ACK whose ACK number is the SYN's sequence number plus one.",
      zh: "一个 SYN，得到的回应是 RST+ACK，其确认号等于 SYN 的序列号加一。",
    },
  },
  {
    sample: "abort",
    port: 7012,
    seconds: 3,
    program: `import socket, struct, time
srv = socket.create_server(("127.0.0.1", 7012))
cli = socket.create_connection(("127.0.0.1", 7012)); conn, _ = srv.accept()
time.sleep(0.1)
cli.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
cli.close()                                    # linger on, 0 seconds: RST instead of FIN
time.sleep(0.1)
try: conn.recv(10)
except OSError as e: print("server recv():", e.strerror)   # Connection reset by peer
`,
    lookFor: {
      en: "No FIN: the client's close() sends RST+ACK; no TIME-WAIT on either side; the server's recv() fails with ECONNRESET.",
      zh: "没有 FIN：客户端的 close() 发出 RST+ACK；两端都没有 TIME-WAIT；服务端的 recv() 以 ECONNRESET 失败。",
    },
  },
  {
    sample: "syn-retries",
    port: 7002,
    seconds: 140,
    program: `import socket, subprocess
${DROP}
drop("tcp dport 7002")                         # a firewall that drops every SYN
c = socket.socket()
try:
    c.connect(("127.0.0.1", 7002))             # blocks while the SYN is retransmitted...
except OSError as e:
    print("connect():", e.strerror)            # ...then: Connection timed out, after about 131 s
`,
    lookFor: {
      en: "Eleven SYNs: 1 s apart five times (tcp_syn_linear_timeouts), then 2, 4, 8, 16, 32 s; connect() fails with ETIMEDOUT about 131 s after the first.",
      zh: "共十一个 SYN：先是五次间隔 1 秒（tcp_syn_linear_timeouts），然后间隔 2、4、8、16、32 秒；第一个 SYN 之后约 131 秒，connect() 以 ETIMEDOUT 失败。",
    },
  },
];

/** The commands for a capture sample, or null when it has none. */
export function runItYourself(sample: string): RunItYourself | null {
  return RUN_IT_YOURSELF.find((recipe) => recipe.sample === sample) ?? null;
}

/** Every sample the course shows has its commands (checked by a test). */
export const SAMPLES_WITHOUT_RECIPE = CAPTURE_SAMPLES.filter((sample) => runItYourself(sample.id) === null).map((sample) => sample.id);
