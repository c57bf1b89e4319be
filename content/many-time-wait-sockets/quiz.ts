import "server-only";
import { defineQuiz } from "@/domain/quiz/schema";

/** Lesson 6: where TIME-WAIT hurts, the port arithmetic, and the article's sysctls on Linux 6. */
export default defineQuiz({
  id: "many-time-wait-sockets",
  lessonSlug: "many-time-wait-sockets",
  title: "Check your understanding: many TIME-WAIT sockets and the sysctls",
  passThreshold: 0.7,
  questions: [
    {
      id: "sysctls-on-linux-6",
      type: "match",
      concept: "sysctls",
      prompt: "Match each sysctl with what it controls on current Linux (SYN cookies on, as by default).",
      explanation:
        "tcp_fin_timeout: orphaned FIN-WAIT-2. tcp_tw_reuse: outgoing connections taking over TIME-WAIT 4-tuples. tcp_keepalive_time: idle time before the first keepalive probe. tcp_max_syn_backlog: read only with SYN cookies off, where it reserves the last quarter for peers proven alive; the SYN queue itself is bounded by the listen() backlog capped by somaxconn (tcp_conn_request()). tcp_max_tw_buckets: how many TIME-WAIT sockets are kept before further ones are destroyed. ip_local_port_range: the ephemeral ports for connect(). Nothing sets the length of TIME-WAIT.",
      pairs: [
        {
          id: "fin-timeout",
          left: "net.ipv4.tcp_fin_timeout",
          right: { id: "orphan-fin-wait-2", text: "How long an orphaned socket may stay in FIN-WAIT-2" },
          misconception: "thinks-fin-timeout-sets-time-wait",
        },
        {
          id: "tw-reuse",
          left: "net.ipv4.tcp_tw_reuse",
          right: { id: "reuse-for-outgoing", text: "Whether new outgoing connections may take over a 4-tuple in TIME-WAIT" },
          misconception: "thinks-tw-reuse-affects-incoming",
        },
        {
          id: "keepalive-time",
          left: "net.ipv4.tcp_keepalive_time",
          right: { id: "idle-before-probe", text: "Idle time before the first keepalive probe" },
          misconception: "thinks-keepalive-affects-time-wait",
        },
        {
          id: "syn-backlog",
          left: "net.ipv4.tcp_max_syn_backlog",
          right: { id: "unproven-peers-cut-off", text: "Nothing, unless SYN cookies are turned off" },
          misconception: "thinks-max-syn-backlog-sizes-syn-queue",
        },
        {
          id: "listen-cap",
          left: "net.core.somaxconn",
          right: { id: "backlog-cap", text: "The cap on the listen() backlog, which bounds the SYN queue and the accept queue" },
          misconception: "thinks-somaxconn-bounds-accept-queue-only",
        },
        {
          id: "tw-buckets",
          left: "net.ipv4.tcp_max_tw_buckets",
          right: { id: "tw-count-limit", text: "How many TIME-WAIT sockets are kept before new ones are destroyed" },
          misconception: "thinks-tw-buckets-is-a-fix",
        },
        {
          id: "port-range",
          left: "net.ipv4.ip_local_port_range",
          right: { id: "ephemeral-ports", text: "The local ports connect() picks from" },
          misconception: "thinks-port-range-limits-server-ports",
        },
      ],
      distractors: [{ id: "time-wait-length", text: "How long sockets stay in TIME-WAIT", misconception: "thinks-time-wait-length-is-tunable" }],
    },
    {
      id: "tw-recycle",
      type: "single",
      concept: "sysctls",
      prompt: "A tuning guide tells you to set net.ipv4.tcp_tw_recycle = 1. What do you do on a current Linux server?",
      explanation:
        "tcp_tw_recycle dropped SYNs whose per-host timestamps went backwards, which broke clients behind NAT; after timestamps got random per-connection offsets (Linux 4.10) it broke everything, and it was removed in Linux 4.12. The sysctl no longer exists.",
      options: [
        {
          id: "skip-it",
          text: "Leave it out: it broke clients behind NAT and no longer exists since Linux 4.12",
          correct: true,
          feedback: "Right. On a current kernel, sysctl even reports that the file does not exist.",
        },
        {
          id: "set-it",
          text: "Set it: it safely frees TIME-WAIT sockets faster",
          correct: false,
          feedback: "It was never safe: clients behind one NAT address have unrelated timestamp clocks, and some of them could no longer connect.",
          misconception: "thinks-tw-recycle-is-safe",
        },
        {
          id: "set-with-timestamps",
          text: "Set it together with tcp_timestamps = 1 to make it safe",
          correct: false,
          feedback: "It depended on timestamps in the first place; timestamps are exactly what made it misjudge clients behind NAT.",
          misconception: "thinks-tw-recycle-is-safe",
        },
        {
          id: "renamed",
          text: "Use tcp_tw_reuse = 2 instead, which is its new name",
          correct: false,
          feedback: "tcp_tw_reuse is a different mechanism (outgoing connections only, with timestamps), and 2 means loopback only.",
          misconception: "confuses-tw-reuse-and-tw-recycle",
        },
      ],
    },
    {
      id: "tw-reuse-two",
      type: "single",
      concept: "sysctls",
      prompt: "`sysctl net.ipv4.tcp_tw_reuse` prints 2 on a fresh Linux 6 machine. What does that mean?",
      explanation:
        "0 is off, 1 is on for all outgoing connections, 2 (the default since Linux 4.18) is on for loopback traffic only. In every case it concerns connect(), not connections a server accepts.",
      options: [
        {
          id: "loopback-only",
          text: "Outgoing connections to loopback addresses may reuse 4-tuples in TIME-WAIT; others may not",
          correct: true,
          feedback: "Yes: this is the default.",
        },
        {
          id: "twice-as-fast",
          text: "TIME-WAIT sockets are reused twice as fast",
          correct: false,
          feedback: "The value is a mode (0/1/2), not a speed.",
          misconception: "thinks-tw-reuse-is-a-quantity",
        },
        {
          id: "incoming-and-outgoing",
          text: "Reuse is enabled for both incoming and outgoing connections",
          correct: false,
          feedback: "tcp_tw_reuse only ever applies to connect(), never to connections a server accepts.",
          misconception: "thinks-tw-reuse-affects-incoming",
        },
        {
          id: "someone-changed-it",
          text: "Someone changed it: the default is 0",
          correct: false,
          feedback: "The default was 0 long ago; since Linux 4.18 it is 2.",
          misconception: "thinks-tw-reuse-default-is-zero",
        },
      ],
    },
    {
      id: "port-budget",
      type: "single",
      concept: "sysctls",
      prompt:
        "With the default ip_local_port_range and Linux's TIME-WAIT length, about how many new connections per second can one client address sustain to one server ip:port if the client closes first?",
      explanation:
        "The default ip_local_port_range, 32768–60999, holds 28,232 ports, and each port towards this destination is blocked for 60 s of TIME-WAIT after its connection closes: 28,232 ÷ 60 ≈ 470 per second.",
      options: [
        { id: "n470", text: "About 470", correct: true, feedback: "Yes: 28,232 ports ÷ 60 s." },
        {
          id: "n28232",
          text: "About 28,232",
          correct: false,
          feedback: "That is how many ports there are — how many connections can exist at once, not per second when each port is blocked for 60 s.",
          misconception: "forgets-time-wait-in-port-arithmetic",
        },
        {
          id: "n235",
          text: "About 235",
          correct: false,
          feedback: "That divides by 2 minutes, RFC 9293's MSL, as if it were the TIME-WAIT. Linux's TIME-WAIT is 60 s.",
          misconception: "thinks-linux-time-wait-is-two-minutes",
        },
        {
          id: "n1070",
          text: "About 1,070",
          correct: false,
          feedback: "That uses the whole unprivileged range (1024–65535). The default range is 32768–60999.",
          misconception: "thinks-all-ports-are-ephemeral",
        },
      ],
    },
    {
      id: "who-runs-out",
      type: "single",
      concept: "time-wait",
      prompt: "Which machine is likely to fail with EADDRNOTAVAIL because of TIME-WAIT?",
      explanation:
        "Ports run out on the side that opens connections and closes them first: each closed connection blocks one local port towards that destination for the TIME-WAIT length. A server's TIME-WAIT sockets all share its listening port and block nothing.",
      options: [
        {
          id: "proxy-one-backend",
          text: "A proxy that opens a new connection to one backend ip:port per request and closes it itself",
          correct: true,
          feedback: "Yes: only the local port varies towards one destination, and every closed connection holds one for 60 s.",
        },
        {
          id: "busy-web-server",
          text: "A web server that accepts many short connections and closes them first",
          correct: false,
          feedback: "Its TIME-WAIT sockets all use its own port 443; they differ by the clients' addresses and ports, and use up no local ports.",
          misconception: "thinks-server-time-wait-uses-ports",
        },
        {
          id: "many-clients",
          text: "A server with many clients that each close first",
          correct: false,
          feedback: "Then the TIME-WAIT sockets are on the clients, each holding only its own few.",
          misconception: "thinks-server-time-wait-uses-ports",
        },
        {
          id: "listening-database",
          text: "A database server that many application servers connect to",
          correct: false,
          feedback: "A server that accepts connections does not pick local ports for them; they all use its listening port.",
          misconception: "thinks-server-time-wait-uses-ports",
        },
      ],
    },
    {
      id: "tw-buckets-lowered",
      type: "single",
      concept: "sysctls",
      prompt: "What happens if you lower net.ipv4.tcp_max_tw_buckets to 5000 on a busy server?",
      explanation:
        "Once 5000 sockets are in TIME-WAIT, each further connection that should enter TIME-WAIT is destroyed at once, skipping it. The count in ss drops, but those connections lose TIME-WAIT's protection; the kernel counts each case in TCPTimeWaitOverflow. The kernel documentation says never to lower it artificially.",
      options: [
        {
          id: "destroys-protection",
          text: "Connections beyond 5000 skip TIME-WAIT entirely, losing its protection",
          correct: true,
          feedback: "Yes: it hides the symptom by removing the safety TIME-WAIT provides.",
        },
        {
          id: "shorter-wait",
          text: "TIME-WAIT sockets are recycled faster, so the server handles more connections safely",
          correct: false,
          feedback: "Nothing is recycled faster: sockets over the limit simply never get a TIME-WAIT at all.",
          misconception: "thinks-tw-buckets-is-a-fix",
        },
        {
          id: "refuses-connections",
          text: "The server refuses new connections when 5000 sockets are in TIME-WAIT",
          correct: false,
          feedback: "New connections are not refused; it is the closing connections that lose their TIME-WAIT.",
          misconception: "thinks-tw-buckets-limits-connections",
        },
        {
          id: "frees-ports",
          text: "The server frees up ports for new clients",
          correct: false,
          feedback: "A server's TIME-WAIT sockets never held ports for new clients in the first place.",
          misconception: "thinks-server-time-wait-uses-ports",
        },
      ],
    },
    {
      id: "make-permanent",
      type: "single",
      concept: "sysctls",
      prompt: "You tested `net.ipv4.tcp_tw_reuse = 1` with `sysctl -w` on a proxy and want to keep it. How?",
      explanation:
        "`sysctl -w` changes only the running kernel and is lost at reboot. Put the line in a file under /etc/sysctl.d/ — applied at boot by systemd — and apply it now with `sysctl --system`.",
      options: [
        {
          id: "sysctl-d",
          text: "Put it in a file in /etc/sysctl.d/ and run `sysctl --system`",
          correct: true,
          feedback: "Yes: the file survives reboots and `sysctl --system` loads all the configuration directories now.",
        },
        {
          id: "already-permanent",
          text: "Nothing: `sysctl -w` already stored it",
          correct: false,
          feedback: "`sysctl -w` writes to /proc/sys only; the value is gone after a reboot.",
          misconception: "thinks-sysctl-w-is-permanent",
        },
        {
          id: "sysctl-p-d",
          text: "Put it in a file in /etc/sysctl.d/ and run `sysctl -p`",
          correct: false,
          feedback: "`sysctl -p` without a file name reads only /etc/sysctl.conf, not /etc/sysctl.d/.",
          misconception: "thinks-sysctl-p-reads-sysctl-d",
        },
        {
          id: "edit-proc",
          text: "Edit /proc/sys/net/ipv4/tcp_tw_reuse with a text editor and save",
          correct: false,
          feedback: "Files in /proc/sys are the live kernel values, the same as `sysctl -w`; they do not survive a reboot.",
          misconception: "thinks-sysctl-w-is-permanent",
        },
      ],
    },
    {
      id: "better-fixes",
      type: "multiple",
      concept: "time-wait",
      prompt: "A service opens a new HTTP connection to its backend for every request and runs out of ports. Which changes address the cause? Select all.",
      explanation:
        "Reusing connections removes most closes; letting the peer close first moves TIME-WAIT away; more destination addresses or ports multiply the 4-tuples. SO_LINGER 0 throws away data and protection, and tcp_fin_timeout does not touch TIME-WAIT.",
      options: [
        {
          id: "pool",
          text: "Keep connections open and reuse them (keep-alive, a connection pool)",
          correct: true,
          feedback: "Yes: thousands of requests per connection means thousands of times fewer TIME-WAIT sockets.",
          missedMisconception: "overlooks-connection-reuse",
        },
        {
          id: "spread",
          text: "Spread the traffic over more backend addresses or ports",
          correct: true,
          feedback: "Yes: the port budget is per destination ip:port.",
          missedMisconception: "thinks-port-limit-is-global",
        },
        {
          id: "linger-zero",
          text: "Close with SO_LINGER set to 0 so that no TIME-WAIT is created",
          correct: false,
          feedback: "That sends a reset: data in flight is lost, the backend sees ECONNRESET, and the 4-tuple loses TIME-WAIT's protection.",
          misconception: "thinks-linger-zero-is-safe",
        },
        {
          id: "fin-timeout",
          text: "Lower tcp_fin_timeout to 10",
          correct: false,
          feedback: "tcp_fin_timeout limits orphaned FIN-WAIT-2, not TIME-WAIT.",
          misconception: "thinks-fin-timeout-sets-time-wait",
        },
      ],
    },
    {
      id: "keepalive-and-time-wait",
      type: "single",
      concept: "sysctls",
      prompt: "Does lowering net.ipv4.tcp_keepalive_time to 20 minutes, as the article suggests, reduce the number of TIME-WAIT sockets?",
      explanation:
        "No. Keepalive probes idle connections that enabled SO_KEEPALIVE (in ESTABLISHED, CLOSE-WAIT and the other connected states) to notice dead peers. TIME-WAIT sockets are already closed and are never probed; their timer is fixed.",
      options: [
        {
          id: "no",
          text: "No: keepalive probes idle open connections; it has nothing to do with TIME-WAIT",
          correct: true,
          feedback: "Right. It can be a sensible change, but for a different problem.",
        },
        {
          id: "yes-faster",
          text: "Yes: TIME-WAIT sockets are probed and removed sooner",
          correct: false,
          feedback: "TIME-WAIT sockets are never probed; they leave when their fixed timer expires.",
          misconception: "thinks-keepalive-affects-time-wait",
        },
        {
          id: "yes-fewer-closes",
          text: "Yes: connections are closed sooner, so fewer enter TIME-WAIT",
          correct: false,
          feedback: "Keepalive closes only connections whose peer has vanished; healthy idle connections are untouched.",
          misconception: "thinks-keepalive-closes-idle-connections",
        },
        {
          id: "frequency",
          text: "Only if keepalive messages are sent every 20 minutes instead of every 2 hours",
          correct: false,
          feedback: "tcp_keepalive_time is the idle time before the first probe (probes then follow every tcp_keepalive_intvl); either way TIME-WAIT is unaffected.",
          misconception: "thinks-keepalive-time-is-probe-interval",
        },
      ],
    },
  ],
});
