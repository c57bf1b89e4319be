/**
 * What each misconception tag (recorded with wrong quiz answers, see docs/quizzes.md) means, for
 * instructors: a title naming the wrong belief and one line saying what is actually true. Every
 * tag used by a quiz must be here (tests/unit/quiz/misconceptions.test.ts checks it), so an
 * instructor never reads a slug such as `thinks-synack-has-no-ack`. Tags a quiz no longer uses
 * stay: answers stored with them are still shown.
 */

export type Misconception = { title: string; explanation: string };

/** The English table; lib/i18n/words/misconceptions.ts holds it with the Chinese beside it. */
export const MISCONCEPTIONS_BY_TAG = {
  "confuses-close-and-abort": {
    title: "Confuses an orderly close with an abort",
    explanation: "close() sends a FIN and the active closer goes through TIME-WAIT; only an abort sends RST ([R.]) and skips it.",
  },
  "confuses-close-wait-and-fin-wait": {
    title: "Confuses CLOSE-WAIT with FIN-WAIT",
    explanation: "CLOSE-WAIT is the side that received a FIN and has not closed yet; FIN-WAIT-1/2 is the side that sent the first FIN.",
  },
  "confuses-close-wait-and-last-ack": {
    title: "Confuses CLOSE-WAIT with LAST-ACK",
    explanation: "CLOSE-WAIT sockets have not sent their FIN yet; LAST-ACK comes after that FIN, waiting for its ACK.",
  },
  "confuses-close-wait-and-time-wait": {
    title: "Confuses CLOSE-WAIT with TIME-WAIT",
    explanation: "TIME-WAIT is on the side that closed first, at the very end; CLOSE-WAIT is on the side that has not closed at all.",
  },
  "confuses-closing-and-fin-wait-2": {
    title: "Confuses CLOSING with FIN-WAIT-2",
    explanation: "FIN-WAIT-2 follows the ACK of our FIN; CLOSING is a simultaneous close, where the peer's FIN arrives before that ACK.",
  },
  "confuses-closing-and-last-ack": {
    title: "Confuses CLOSING with LAST-ACK",
    explanation: "LAST-ACK is a passive closer that sent its FIN after receiving the peer's; in a simultaneous close both sides pass through CLOSING.",
  },
  "confuses-fin-with-rst": {
    title: "Uses FIN where a reset is due",
    explanation: "A connection that was never opened is refused with RST; FIN ends a direction of an open connection.",
  },
  "confuses-fin-with-syn": {
    title: "Confuses FIN with SYN",
    explanation: "SYN opens a connection and synchronises sequence numbers; FIN says the sender has finished sending.",
  },
  "confuses-handshake-states": {
    title: "Mixes up the handshake states",
    explanation: "Client: SYN-SENT after its SYN, ESTABLISHED on the SYN+ACK. Server: SYN-RECEIVED on the SYN, ESTABLISHED on the final ACK.",
  },
  "confuses-listen-and-connection-queues": {
    title: "Reads Recv-Q of a connection as if it were a listener's",
    explanation: "On a LISTEN socket Recv-Q counts connections waiting for accept(); on a connection it counts unread bytes.",
  },
  "confuses-msl-and-2msl": {
    title: "Confuses MSL with the TIME-WAIT length (2MSL)",
    explanation: "TIME-WAIT lasts two MSL: one for a segment's way there and one for the way back.",
  },
  "confuses-piggyback-with-simultaneous-close": {
    title: "Takes a three-segment close for a simultaneous close",
    explanation: "In a simultaneous close the FINs cross and each is acknowledged separately (four segments, through CLOSING).",
  },
  "confuses-refused-and-unanswered": {
    title: "Confuses a refused connection with an unanswered one",
    explanation: "A refused SYN gets RST and connect() fails at once with ECONNREFUSED; only an unanswered SYN leaves the socket in SYN-SENT.",
  },
  "confuses-shutdown-and-close": {
    title: "Confuses shutdown(SHUT_WR) with close()",
    explanation: "shutdown(SHUT_WR) sends a FIN but keeps reading; after close() the application can neither read nor write.",
  },
  "confuses-syn-and-syn-ack": {
    title: "Forgets the ACK in the SYN+ACK",
    explanation: "Accepting a connection also acknowledges the client's ISN, so the reply has both SYN and ACK set.",
  },
  "confuses-syn-backlog-and-time-wait": {
    title: "Thinks tcp_max_syn_backlog is about TIME-WAIT",
    explanation: "tcp_max_syn_backlog matters only for connection requests with SYN cookies off; it does nothing for TIME-WAIT.",
  },
  "confuses-syn-sent-and-syn-received": {
    title: "Confuses SYN-SENT with SYN-RECEIVED",
    explanation: "SYN-SENT is the side that sent a SYN and awaits the SYN+ACK; SYN-RECEIVED is the side that got a SYN and answered it.",
  },
  "confuses-syn-with-fin": {
    title: "Uses SYN to close",
    explanation: "A close is announced with FIN; SYN only opens connections.",
  },
  "confuses-syn-with-rst": {
    title: "Confuses SYN with RST",
    explanation: "RST aborts a connection; SYN opens one and synchronises sequence numbers.",
  },
  "confuses-teardown-states": {
    title: "Mixes up the teardown states",
    explanation: "Active closer: FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT. Passive closer: CLOSE-WAIT, LAST-ACK, then CLOSED.",
  },
  "confuses-time-wait-with-close-wait": {
    title: "Puts the 2MSL wait before the second FIN",
    explanation: "2MSL is the length of TIME-WAIT, which comes at the very end, on the active closer.",
  },
  "confuses-tw-reuse-and-tw-recycle": {
    title: "Confuses tcp_tw_reuse with the removed tcp_tw_recycle",
    explanation: "tcp_tw_reuse lets outgoing connections reuse TIME-WAIT 4-tuples with timestamps (2 = loopback only); tcp_tw_recycle is gone since Linux 4.12.",
  },
  "forgets-fin-consumes-a-sequence-number": {
    title: "Forgets that FIN takes a sequence number",
    explanation: "Like SYN, a FIN occupies one sequence number, so its ACK is the FIN's sequence number + 1.",
  },
  "forgets-fin-ends-a-direction": {
    title: "Forgets what FIN is for",
    explanation: "Without a FIN the peer cannot know the sender has finished: FIN ends the sender's direction of the connection.",
  },
  "forgets-lost-last-ack-reason": {
    title: "Misses why TIME-WAIT exists: a lost last ACK",
    explanation: "The last ACK is never acknowledged; TIME-WAIT stays to answer the peer's retransmitted FIN if that ACK was lost.",
  },
  "forgets-old-duplicates-reason": {
    title: "Misses why TIME-WAIT exists: old duplicates",
    explanation: "TIME-WAIT lets delayed segments of the old connection expire so they are not taken for data of a new one on the same 4-tuple.",
  },
  "forgets-server-sends-its-own-syn": {
    title: "Forgets that the server sends its own SYN",
    explanation: "The server must announce its own initial sequence number with a SYN, or its direction is never synchronised.",
  },
  "forgets-syn-consumes-a-sequence-number": {
    title: "Forgets that SYN takes a sequence number",
    explanation: "The SYN occupies the ISN itself, so the SYN+ACK acknowledges ISN + 1.",
  },
  "forgets-time-wait-in-port-arithmetic": {
    title: "Leaves TIME-WAIT out of the port arithmetic",
    explanation: "Each closed connection holds its port for the TIME-WAIT length (60 s on Linux), so the rate is ports ÷ 60 s, not the port count.",
  },
  "miscounts-sequence-space": {
    title: "Miscounts the sequence space",
    explanation: "SYN and FIN each take one number and data takes one per byte; an ACK names the next number expected.",
  },
  "misorders-handshake-segments": {
    title: "Puts the handshake's segments in the wrong order",
    explanation: "SYN, SYN+ACK, ACK come first; only then can data flow and be acknowledged.",
  },
  "misorders-teardown": {
    title: "Puts the teardown's segments in the wrong order",
    explanation: "FIN from the active closer, its ACK, the passive closer's FIN when its application closes, then the final ACK.",
  },
  "misreads-tcpdump-flag-letters": {
    title: "Misreads tcpdump's flag letters",
    explanation: "tcpdump writes S for SYN, F for FIN, R for RST, P for PSH and a dot for ACK: [S.] is SYN+ACK.",
  },
  "overlooks-silent-drop": {
    title: "Overlooks a SYN that gets no answer",
    explanation: "A SYN dropped by a firewall or a host that is down gets no reply: the client retransmits in SYN-SENT until connect() times out.",
  },
  "overlooks-connection-reuse": {
    title: "Overlooks reusing connections",
    explanation: "Keeping connections open for many requests cuts the number of TIME-WAIT sockets by the same factor.",
  },
  "thinks-accept-queue-never-blocks-handshake": {
    title: "Thinks a full accept queue never holds up the handshake",
    explanation: "With a listener's accept queue full, Linux drops new SYNs (even with SYN cookies) until accept() makes room.",
  },
  "thinks-accept-completes-handshake": {
    title: "Thinks accept() completes the handshake",
    explanation: "The kernel completes the handshake on its own; accept() only takes an established connection off the queue.",
  },
  "thinks-ack-field-always-valid": {
    title: "Thinks the acknowledgment field is always meaningful",
    explanation: "The field is always in the header, but its value means something only when the ACK flag is set.",
  },
  "thinks-ack-names-last-byte-received": {
    title: "Thinks an ACK names the last byte received",
    explanation: "TCP acknowledges the next byte it expects: the last byte received + 1.",
  },
  "thinks-ack-needs-data": {
    title: "Thinks an ACK needs data",
    explanation: "A pure ACK carries no data; its acknowledgment number is all that matters in it.",
  },
  "thinks-ack-number-only-in-handshake": {
    title: "Thinks acknowledgments belong to the handshake",
    explanation: "Every segment after the handshake carries an acknowledgment, for the whole life of the connection.",
  },
  "thinks-ack-only-on-pure-acks": {
    title: "Thinks data segments carry no ACK",
    explanation: "Data segments have ACK set too: each tells the peer how much of its data has arrived.",
  },
  "thinks-active-closer-skips-time-wait": {
    title: "Thinks the side that closes first ends in CLOSED directly",
    explanation: "The active closer waits in TIME-WAIT after its last ACK; only the passive closer goes straight to CLOSED.",
  },
  "thinks-all-ports-are-ephemeral": {
    title: "Thinks every unprivileged port is ephemeral",
    explanation: "Linux picks outgoing ports from ip_local_port_range, 32768–60999 by default, not all of 1024–65535.",
  },
  "thinks-bad-synack-is-ignored": {
    title: "Thinks an unexpected SYN+ACK is ignored",
    explanation: "The client answers a SYN+ACK that acknowledges the wrong number with RST, so the server leaves SYN-RECEIVED.",
  },
  "thinks-both-sides-time-wait": {
    title: "Thinks both sides end in TIME-WAIT",
    explanation: "Only the active closer enters TIME-WAIT; the passive closer goes from LAST-ACK to CLOSED (both only after a simultaneous close).",
  },
  "thinks-client-accepts-any-synack": {
    title: "Thinks a client accepts any SYN+ACK",
    explanation: "A SYN+ACK must acknowledge this attempt's ISN; otherwise the client resets it, which is what the handshake protects against.",
  },
  "thinks-client-adopts-peer-numbers": {
    title: "Thinks the client adopts the peer's old numbers",
    explanation: "A client keeps its own ISN; it resets a SYN+ACK that acknowledges something else.",
  },
  "thinks-client-always-in-time-wait": {
    title: "Thinks the client always ends in TIME-WAIT",
    explanation: "TIME-WAIT is on whichever side closes first; a server that closes first collects the TIME-WAIT sockets.",
  },
  "thinks-close-ends-connection-at-once": {
    title: "Thinks close() ends the connection at once",
    explanation: "An orphaned socket lingers in FIN-WAIT-2 for up to tcp_fin_timeout (60 s) waiting for the peer's FIN.",
  },
  "thinks-close-sends-only-ack": {
    title: "Thinks close() sends only an ACK",
    explanation: "close() makes the kernel send a FIN (with ACK set, as on every synchronised segment).",
  },
  "thinks-close-sends-rst": {
    title: "Thinks closing sends a reset",
    explanation: "An orderly close sends FIN and the peer may still reply; RST aborts the whole connection at once.",
  },
  "thinks-close-wait-means-ack-not-sent": {
    title: "Thinks CLOSE-WAIT waits for an ACK to be sent",
    explanation: "The kernel acknowledges the FIN by itself at once; CLOSE-WAIT waits for the application to call close().",
  },
  "thinks-closed-port-accepts": {
    title: "Thinks a closed port accepts connections",
    explanation: "With nothing listening, the SYN is refused with RST.",
  },
  "thinks-closed-port-answers-synack": {
    title: "Thinks a closed port answers with SYN+ACK",
    explanation: "No listener means no connection to offer: the answer is RST, never SYN+ACK.",
  },
  "thinks-closed-port-stays-silent": {
    title: "Thinks a closed port stays silent",
    explanation: "The host answers with RST, which is why connect() fails at once with ECONNREFUSED.",
  },
  "thinks-data-can-follow-fin": {
    title: "Thinks data can follow a FIN",
    explanation: "After a FIN nothing more comes in that direction: the sender said it has finished sending.",
  },
  "thinks-data-consumes-an-extra-number": {
    title: "Thinks data takes an extra sequence number",
    explanation: "Data takes one number per byte and nothing more; only SYN and FIN take an extra number.",
  },
  "thinks-data-precedes-handshake-ack": {
    title: "Thinks data comes before the handshake's last ACK",
    explanation: "The client's ACK of the SYN+ACK completes the handshake before (or with) the first data.",
  },
  "thinks-dot-means-no-flags": {
    title: "Thinks tcpdump's dot means no flags",
    explanation: "The dot in tcpdump's flags is ACK: [.] is a pure ACK, [P.] pushed data that also acknowledges.",
  },
  "thinks-fin-and-ack-cannot-combine": {
    title: "Thinks FIN and ACK cannot be in one segment",
    explanation: "After the handshake every segment carries ACK, FINs included ([F.] in tcpdump).",
  },
  "thinks-fin-closes-both-directions": {
    title: "Thinks one FIN closes both directions",
    explanation: "A FIN ends only its sender's direction; the other side may keep sending until it sends its own FIN.",
  },
  "thinks-fin-needs-psh": {
    title: "Thinks a FIN needs PSH",
    explanation: "PSH asks for prompt delivery of data; a FIN without data has no use for it.",
  },
  "thinks-fin-refuses-connections": {
    title: "Thinks FIN refuses a connection",
    explanation: "A connection that was never opened is refused with RST; FIN only ends an open direction.",
  },
  "thinks-fin-segments-carry-no-ack": {
    title: "Thinks FIN segments carry no ACK",
    explanation: "A FIN on a synchronised connection has ACK set (tcpdump shows [F.]).",
  },
  "thinks-fin-sender-can-send": {
    title: "Thinks the FIN's sender can still send",
    explanation: "After its FIN a side has finished sending; after shutdown(SHUT_WR) further writes fail with EPIPE.",
  },
  "thinks-fin-stops-peer-sending": {
    title: "Thinks a FIN stops the peer from sending",
    explanation: "The receiver of a FIN may keep sending; the FIN's sender keeps receiving and acknowledging.",
  },
  "thinks-fin-timeout-closes-close-wait": {
    title: "Thinks tcp_fin_timeout ends CLOSE-WAIT",
    explanation: "tcp_fin_timeout limits orphaned sockets in FIN-WAIT-2; CLOSE-WAIT lasts until the application closes.",
  },
  "thinks-fin-timeout-is-fin-retransmission": {
    title: "Thinks tcp_fin_timeout times FIN retransmissions",
    explanation: "FINs are retransmitted like any segment (tcp_orphan_retries for orphans); tcp_fin_timeout is the FIN-WAIT-2 limit.",
  },
  "thinks-fin-timeout-sets-time-wait": {
    title: "Thinks tcp_fin_timeout sets the TIME-WAIT length",
    explanation: "Linux's TIME-WAIT is TCP_TIMEWAIT_LEN, a 60 s compile-time constant; tcp_fin_timeout is about FIN-WAIT-2.",
  },
  "thinks-first-syn-carries-ack": {
    title: "Thinks the first SYN carries an ACK",
    explanation: "The first SYN has nothing to acknowledge, so ACK is clear.",
  },
  "thinks-handshake-is-permission": {
    title: "Thinks the third segment grants permission to send",
    explanation: "The final ACK acknowledges the server's SYN; no separate permission to send exists.",
  },
  "thinks-handshake-measures-rtt": {
    title: "Thinks the handshake exists to measure the round trip",
    explanation: "It gives RTT samples, but three segments are needed so both sides' ISNs are sent and acknowledged.",
  },
  "thinks-keepalive-affects-time-wait": {
    title: "Thinks keepalive settings affect TIME-WAIT",
    explanation: "tcp_keepalive_time is the idle time before probing an open connection; TIME-WAIT is a fixed 60 s on Linux.",
  },
  "thinks-keepalive-closes-close-wait": {
    title: "Thinks keepalive clears CLOSE-WAIT",
    explanation: "Keepalive can only find that a peer is gone; the socket stays until the application closes it.",
  },
  "thinks-keepalive-closes-idle-connections": {
    title: "Thinks keepalive closes idle connections",
    explanation: "Keepalive ends only connections whose peer stopped answering; healthy idle connections are untouched.",
  },
  "thinks-keepalive-time-is-probe-interval": {
    title: "Thinks tcp_keepalive_time is the probe interval",
    explanation: "tcp_keepalive_time is the idle time before the first probe; later probes follow every tcp_keepalive_intvl.",
  },
  "thinks-linger-zero-is-safe": {
    title: "Thinks SO_LINGER 0 is a safe way to avoid TIME-WAIT",
    explanation: "It sends RST: data in flight is lost, the peer sees ECONNRESET and the 4-tuple loses TIME-WAIT's protection.",
  },
  "thinks-linux-time-wait-is-two-minutes": {
    title: "Thinks Linux keeps TIME-WAIT for two minutes",
    explanation: "Linux's TIME-WAIT lasts 60 s (TCP_TIMEWAIT_LEN).",
  },
  "thinks-linux-uses-rfc-msl": {
    title: "Thinks Linux uses the RFC's MSL",
    explanation: "The RFC's 2MSL would be 4 minutes; Linux uses its own fixed 60 s and has no MSL setting.",
  },
  "thinks-linux-value-is-rfc": {
    title: "Takes Linux's TIME-WAIT length for the RFC's",
    explanation: "60 s is Linux's TCP_TIMEWAIT_LEN; RFC 9293's 2MSL with its 2-minute MSL is 4 minutes.",
  },
  "thinks-listener-resets-syn": {
    title: "Thinks a listening port resets a SYN",
    explanation: "A listener answers a SYN with SYN+ACK; RST is the answer when nothing listens.",
  },
  "thinks-listening-port-resets": {
    title: "Thinks a listening port refuses connections",
    explanation: "A port with a listener accepts the SYN with SYN+ACK; RST refuses a connection where nothing listens.",
  },
  "thinks-max-syn-backlog-sizes-syn-queue": {
    title: "Thinks tcp_max_syn_backlog sizes the SYN queue",
    explanation: "It is read only with SYN cookies off, to drop SYNs from unproven peers; the listen() backlog, capped by somaxconn, sizes the queues.",
  },
  "thinks-one-fin-closes-both-directions": {
    title: "Thinks acknowledging a FIN closes both directions",
    explanation: "The ACK only confirms the peer's FIN; the acknowledging side's direction stays open until its own FIN.",
  },
  "thinks-only-client-sends-syn": {
    title: "Thinks only the client sends a SYN",
    explanation: "The server's reply carries SYN too: it announces the server's own initial sequence number.",
  },
  "thinks-passive-closer-sends-fin-first": {
    title: "Thinks the passive closer sends its FIN before acknowledging",
    explanation: "The kernel acknowledges the peer's FIN at once; its own FIN waits until the application calls close().",
  },
  "thinks-port-limit-is-global": {
    title: "Thinks the ephemeral port limit is global",
    explanation: "The port budget applies per destination address and port: a 4-tuple only has to be unique.",
  },
  "thinks-port-range-limits-server-ports": {
    title: "Thinks ip_local_port_range limits a server's ports",
    explanation: "The range is for outgoing connections; a server's connections all use its listening port.",
  },
  "thinks-psh-needed-in-handshake": {
    title: "Thinks the handshake needs PSH",
    explanation: "PSH asks for prompt delivery of data; handshake segments carry no data to push.",
  },
  "thinks-reset-never-carries-ack": {
    title: "Thinks a reset never carries an ACK",
    explanation: "A reset answering a segment without ACK (a SYN) has ACK set and acknowledges it; only one answering an ACK goes without.",
  },
  "thinks-rst-never-carries-ack": {
    title: "Thinks RST never carries an ACK",
    explanation: "A reset answering a SYN has ACK set: seq 0, ack = the SYN's sequence number + 1.",
  },
  "thinks-server-always-in-time-wait": {
    title: "Thinks the server always ends in TIME-WAIT",
    explanation: "TIME-WAIT is on whichever side closes first; it is the server only when the server closes first.",
  },
  "thinks-server-stays-in-listen": {
    title: "Thinks the connection stays in LISTEN",
    explanation: "LISTEN belongs to the listening socket; each arriving SYN creates a connection with its own state (SYN-RECEIVED).",
  },
  "thinks-server-time-wait-blocks-client-port": {
    title: "Thinks the server's TIME-WAIT blocks the client's port",
    explanation: "The client's side of that connection is already CLOSED (it was the passive closer), so its port is free.",
  },
  "thinks-server-time-wait-uses-ports": {
    title: "Thinks a server's TIME-WAIT sockets use up its ports",
    explanation: "They all use the server's own listening port and differ only by the clients' addresses and ports.",
  },
  "thinks-somaxconn-bounds-accept-queue-only": {
    title: "Thinks somaxconn bounds only the accept queue",
    explanation: "somaxconn caps the listen() backlog, which bounds both the SYN queue and the accept queue.",
  },
  "thinks-synack-has-no-ack": {
    title: "Thinks the SYN+ACK carries no acknowledgment",
    explanation: "The server's SYN+ACK acknowledges the client's ISN: ack = client ISN + 1.",
  },
  "thinks-sysctl-p-reads-sysctl-d": {
    title: "Thinks `sysctl -p` reads /etc/sysctl.d/",
    explanation: "`sysctl -p` alone reads only /etc/sysctl.conf; `sysctl --system` reads /etc/sysctl.d/ too.",
  },
  "thinks-sysctl-w-is-permanent": {
    title: "Thinks `sysctl -w` survives a reboot",
    explanation: "`sysctl -w` writes to /proc/sys only; a lasting value goes in a file under /etc/sysctl.d/.",
  },
  "thinks-third-segment-exists-for-data": {
    title: "Thinks the third segment exists to carry data",
    explanation: "The final ACK acknowledges the server's SYN; that it may carry data is a convenience.",
  },
  "thinks-three-segment-close-lost-ack": {
    title: "Thinks a three-segment close lost an ACK",
    explanation: "The passive closer's FIN can acknowledge the first FIN in the same segment ([F.]), so no ACK is missing.",
  },
  "thinks-time-wait-blocks-reincarnation": {
    title: "Thinks TIME-WAIT simply blocks its 4-tuple",
    explanation: "Linux accepts a new SYN on a TIME-WAIT 4-tuple when it is safely newer (higher sequence number or timestamp).",
  },
  "thinks-time-wait-ignores-segments": {
    title: "Thinks TIME-WAIT ignores incoming segments",
    explanation: "TIME-WAIT answers a retransmitted FIN with its ACK again, so the peer can leave LAST-ACK.",
  },
  "thinks-time-wait-is-one-rtt": {
    title: "Thinks TIME-WAIT lasts one round trip",
    explanation: "It must outlast any delayed segment, which can take far longer than a round trip: 2MSL, 60 s on Linux.",
  },
  "thinks-time-wait-length-is-tunable": {
    title: "Thinks the TIME-WAIT length can be tuned",
    explanation: "Linux has no MSL or TIME-WAIT sysctl; the length is the constant TCP_TIMEWAIT_LEN (60 s).",
  },
  "thinks-time-wait-reserves-port-for-reconnect": {
    title: "Thinks TIME-WAIT keeps the port for reconnecting",
    explanation: "A client avoids a 4-tuple in TIME-WAIT for new connections (unless tcp_tw_reuse allows it).",
  },
  "thinks-time-wait-resets-late-segments": {
    title: "Thinks TIME-WAIT resets late segments",
    explanation: "Resetting is what happens without TIME-WAIT; the state is there to answer a late FIN properly.",
  },
  "thinks-time-wait-starts-at-first-fin": {
    title: "Thinks TIME-WAIT starts at the first FIN",
    explanation: "TIME-WAIT starts once the active closer has acknowledged the peer's FIN.",
  },
  "thinks-time-wait-waits-for-data": {
    title: "Thinks TIME-WAIT waits for something to arrive",
    explanation: "TIME-WAIT waits only for its timer; FIN-WAIT-2 is the state waiting for the peer's FIN.",
  },
  "thinks-tw-buckets-is-a-fix": {
    title: "Thinks raising tcp_max_tw_buckets is a fix",
    explanation: "It only caps how many TIME-WAIT sockets are kept; beyond it closing connections simply skip TIME-WAIT.",
  },
  "thinks-tw-buckets-limits-connections": {
    title: "Thinks tcp_max_tw_buckets limits new connections",
    explanation: "New connections are not refused; closing connections beyond the cap lose their TIME-WAIT.",
  },
  "thinks-tw-recycle-is-safe": {
    title: "Thinks tcp_tw_recycle was safe",
    explanation: "It broke clients behind NAT (unrelated timestamp clocks) and was removed in Linux 4.12.",
  },
  "thinks-tw-reuse-affects-incoming": {
    title: "Thinks tcp_tw_reuse affects incoming connections",
    explanation: "tcp_tw_reuse applies to outgoing connections only, letting them take over TIME-WAIT 4-tuples.",
  },
  "thinks-tw-reuse-default-is-zero": {
    title: "Thinks tcp_tw_reuse defaults to 0",
    explanation: "Since Linux 4.18 the default is 2: reuse for loopback connections only.",
  },
  "thinks-tw-reuse-is-a-quantity": {
    title: "Thinks tcp_tw_reuse is a quantity",
    explanation: "Its value is a mode: 0 off, 1 on, 2 loopback only.",
  },
} satisfies Record<string, Misconception>;

/** A tag the table knows: a language's table must name exactly these. */
export type MisconceptionTag = keyof typeof MISCONCEPTIONS_BY_TAG;

/** Looked up by the tags stored with answers, which may be any string. */
export const MISCONCEPTIONS: Readonly<Record<string, Misconception>> = MISCONCEPTIONS_BY_TAG;

/** Title and explanation of a tag, or a readable fallback for a tag this list does not know yet. */
export function describeMisconception(tag: string): Misconception & { tag: string } {
  const known = MISCONCEPTIONS[tag];
  if (known) return { tag, ...known };
  const words = tag.replaceAll("-", " ");
  return { tag, title: words.charAt(0).toUpperCase() + words.slice(1), explanation: "" };
}

/** Answers store their tags joined by commas. */
export function misconceptionsOf(stored: string | null | undefined): Array<Misconception & { tag: string }> {
  return (stored ?? "").split(",").filter(Boolean).map(describeMisconception);
}
