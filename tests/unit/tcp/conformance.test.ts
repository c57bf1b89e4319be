/**
 * Conformance table: every row of TRANSITION_TABLE (state x event -> state + segment) is provoked
 * by a scenario written from the RFC 9293 / kernel text, and the trace must show that transition
 * and, where the row says so, the segment the host sends next.
 */
import { describe, expect, it } from "vitest";
import {
  findTransitionRow,
  runScenario,
  TRANSITION_TABLE,
  type Action,
  type HostId,
  type ScenarioInput,
  type SegmentRecord,
  type SocketOption,
  type TransitionRow,
} from "@/domain/tcp";
import { call, OPEN, range, scenario, send } from "./helpers";

interface Recipe {
  host: HostId;
  input: ScenarioInput;
}

const recipe = (host: HostId, actions: Action[], extra: Partial<ScenarioInput> = {}): Recipe => ({
  host,
  input: scenario(actions, extra),
});
const closeBoth = (at: number, how: "close" | "shutdown" = "close") => [call(at, "client", how), call(at, "server", how)];
const option = (at: number, host: HostId, name: SocketOption, value: number): Action => ({ at, host, do: "setsockopt", option: name, value });
/** A receiver that does not read, with a small buffer (a 2,920-byte window), so its window closes. */
const slowReader = (host: HostId): Action[] => [option(0, host, "SO_RCVBUF", 4096)];
const keepalive = (host: HostId, count = 2): Action[] => [
  option(0, host, "SO_KEEPALIVE", 1),
  option(0, host, "TCP_KEEPIDLE", 1),
  option(0, host, "TCP_KEEPINTVL", 1),
  option(0, host, "TCP_KEEPCNT", count),
];
const linkDown = (at: number): Action => ({ at, do: "link", up: false });
const noTimeWaitBuckets = { sysctl: { tcp_max_tw_buckets: 0 } };

const RECIPES: Record<string, Recipe> = {
  "CLOSED|listen|LISTEN": recipe("server", [call(0, "server", "listen")]),
  "CLOSED|connect|SYN-SENT": recipe("client", [call(0, "client", "connect")]),
  "LISTEN|recv SYN|SYN-RECEIVED": recipe("server", OPEN),
  "LISTEN|close|CLOSED": recipe("server", [call(0, "server", "listen"), call(10, "server", "close")]),
  "LISTEN|abort|CLOSED": recipe("server", [call(0, "server", "listen"), call(10, "server", "abort")]),
  "SYN-SENT|recv SYN-ACK|ESTABLISHED": recipe("client", OPEN),
  "SYN-SENT|recv SYN|SYN-RECEIVED": recipe("client", [call(0, "client", "connect"), call(0, "server", "connect")]),
  // Nobody listens: the server host answers the SYN with RST+ACK.
  "SYN-SENT|recv RST|CLOSED": recipe("client", [call(0, "client", "connect")]),
  "SYN-SENT|close|CLOSED": recipe("client", [call(0, "client", "connect"), call(5, "client", "close")]),
  "SYN-SENT|shutdown|CLOSED": recipe("client", [call(0, "client", "connect"), call(5, "client", "shutdown")]),
  "SYN-SENT|abort|CLOSED": recipe("client", [call(0, "client", "connect"), call(5, "client", "abort")]),
  "SYN-SENT|retransmission timeout|CLOSED": recipe("client", [call(0, "client", "connect")], {
    drop: [{ from: "client", nth: range(1, 11) }],
  }),
  "SYN-RECEIVED|recv ACK|ESTABLISHED": recipe("server", OPEN),
  "SYN-RECEIVED|recv SYN-ACK|ESTABLISHED": recipe("client", [call(0, "client", "connect"), call(0, "server", "connect")]),
  // The client gives up before the SYN-ACK arrives; the SYN-ACK meets no connection and draws an RST.
  "SYN-RECEIVED|recv RST|LISTEN": recipe("server", [...OPEN, call(15, "client", "close")]),
  // Simultaneous open; the client's SYN-ACK is lost and the client aborts: the server's open was active.
  "SYN-RECEIVED|recv RST|CLOSED": recipe(
    "server",
    [call(0, "client", "connect"), call(0, "server", "connect"), call(12, "client", "abort")],
    { drop: [{ from: "client", nth: 2 }] },
  ),
  // The handshake's ACK is lost, so the server is still in SYN-RECEIVED when its application closes.
  "SYN-RECEIVED|close|FIN-WAIT-1": recipe("server", [...OPEN, call(25, "server", "close")], {
    drop: [{ from: "client", nth: 2 }],
  }),
  "SYN-RECEIVED|shutdown|FIN-WAIT-1": recipe("server", [...OPEN, call(25, "server", "shutdown")], {
    drop: [{ from: "client", nth: 2 }],
  }),
  "SYN-RECEIVED|abort|CLOSED": recipe("server", [...OPEN, call(25, "server", "abort")], {
    drop: [{ from: "client", nth: 2 }],
  }),
  "SYN-RECEIVED|retransmission timeout|LISTEN": recipe("server", OPEN, { drop: [{ from: "client", nth: range(2, 20) }] }),
  "SYN-RECEIVED|retransmission timeout|CLOSED": recipe("client", [call(0, "client", "connect"), call(0, "server", "connect")], {
    drop: [
      { from: "client", nth: range(2, 30) },
      { from: "server", nth: range(2, 30) },
    ],
  }),
  "ESTABLISHED|close|FIN-WAIT-1": recipe("client", [...OPEN, call(100, "client", "close")]),
  "ESTABLISHED|shutdown|FIN-WAIT-1": recipe("client", [...OPEN, call(100, "client", "shutdown")]),
  "ESTABLISHED|recv FIN|CLOSE-WAIT": recipe("server", [...OPEN, call(100, "client", "close")]),
  "ESTABLISHED|recv RST|CLOSED": recipe("server", [...OPEN, call(100, "client", "abort")]),
  "ESTABLISHED|abort|CLOSED": recipe("client", [...OPEN, call(100, "client", "abort")]),
  "ESTABLISHED|retransmission timeout|CLOSED": recipe("client", [...OPEN, send(100, "client", 100)], {
    drop: [{ from: "client", nth: range(3, 60) }],
  }),
  // The server's application never read the 100 bytes: close() resets the connection.
  "ESTABLISHED|close|CLOSED": recipe("server", [...OPEN, send(100, "client", 100), call(200, "server", "close")], {
    autoRead: { server: false },
  }),
  "ESTABLISHED|keepalive timeout|CLOSED": recipe("client", [...keepalive("client"), ...OPEN, linkDown(500)]),
  // The receiver answers every probe but never reads; TCP_USER_TIMEOUT still ends the sender's wait.
  "ESTABLISHED|persist timeout|CLOSED": recipe(
    "client",
    [...slowReader("server"), option(0, "client", "TCP_USER_TIMEOUT", 2000), ...OPEN, send(100, "client", 10_000)],
    { autoRead: { server: false } },
  ),
  // shutdown(), then close() with the client's 100 bytes unread, before or after the FIN is acknowledged.
  "FIN-WAIT-1|close|CLOSED": recipe(
    "server",
    [...OPEN, send(100, "client", 100), call(150, "server", "shutdown"), call(155, "server", "close")],
    { autoRead: { server: false } },
  ),
  "FIN-WAIT-2|close|CLOSED": recipe(
    "server",
    [...OPEN, send(100, "client", 100), call(150, "server", "shutdown"), call(400, "server", "close")],
    { autoRead: { server: false } },
  ),
  "FIN-WAIT-1|persist timeout|CLOSED": recipe(
    "client",
    [...slowReader("server"), option(0, "client", "TCP_USER_TIMEOUT", 2000), ...OPEN, send(100, "client", 10_000), call(200, "client", "shutdown")],
    { autoRead: { server: false } },
  ),
  "FIN-WAIT-1|recv FIN-ACK|CLOSED": recipe(
    "client",
    [...OPEN, send(100, "client", 10), call(200, "client", "close"), call(215, "server", "close")],
    noTimeWaitBuckets,
  ),
  "FIN-WAIT-2|keepalive timeout|CLOSED": recipe("client", [...keepalive("client"), ...OPEN, call(100, "client", "shutdown"), linkDown(300)]),
  "FIN-WAIT-2|recv FIN|CLOSED": recipe("client", [...OPEN, call(100, "client", "shutdown"), call(300, "server", "close")], noTimeWaitBuckets),
  "FIN-WAIT-2|time-wait overflow|CLOSED": recipe("client", [...OPEN, call(100, "client", "close")], noTimeWaitBuckets),
  "CLOSE-WAIT|close|CLOSED": recipe("server", [...OPEN, send(100, "client", 100), call(150, "client", "close"), call(300, "server", "close")], {
    autoRead: { server: false },
  }),
  "CLOSE-WAIT|keepalive timeout|CLOSED": recipe("server", [...keepalive("server"), ...OPEN, call(100, "client", "close"), linkDown(300)]),
  // The client half-closes and stops reading; the server keeps sending into its closed window.
  "CLOSE-WAIT|persist timeout|CLOSED": recipe(
    "server",
    [...slowReader("client"), option(0, "server", "TCP_USER_TIMEOUT", 2000), ...OPEN, call(100, "client", "shutdown"), send(200, "server", 10_000)],
    { autoRead: { client: false } },
  ),
  "CLOSING|close|CLOSED": recipe("server", [...OPEN, send(100, "client", 100), ...closeBoth(200, "shutdown"), call(215, "server", "close")], {
    autoRead: { server: false },
  }),
  "CLOSING|recv ACK|CLOSED": recipe("client", [...OPEN, ...closeBoth(100)], noTimeWaitBuckets),
  // The client's FIN waits behind a closed window when the server's FIN arrives.
  "CLOSING|persist timeout|CLOSED": recipe(
    "client",
    [
      ...slowReader("server"),
      option(0, "client", "TCP_USER_TIMEOUT", 2000),
      ...OPEN,
      send(100, "client", 2920),
      call(200, "client", "shutdown"),
      call(300, "server", "shutdown"),
    ],
    { autoRead: { server: false } },
  ),
  "LAST-ACK|close|CLOSED": recipe(
    "server",
    [...OPEN, send(100, "client", 100), call(150, "client", "shutdown"), call(200, "server", "shutdown"), call(205, "server", "close")],
    { autoRead: { server: false } },
  ),
  "LAST-ACK|persist timeout|CLOSED": recipe(
    "server",
    [
      ...slowReader("client"),
      option(0, "server", "TCP_USER_TIMEOUT", 2000),
      ...OPEN,
      call(100, "client", "shutdown"),
      send(200, "server", 10_000),
      call(300, "server", "shutdown"),
    ],
    { autoRead: { client: false } },
  ),
  "FIN-WAIT-1|recv ACK|FIN-WAIT-2": recipe("client", [...OPEN, call(100, "client", "close")]),
  "FIN-WAIT-1|recv FIN|CLOSING": recipe("client", [...OPEN, ...closeBoth(100)]),
  // Linux: the server closes within the delayed-ACK time, so its FIN carries the ACK of ours.
  "FIN-WAIT-1|recv FIN-ACK|TIME-WAIT": recipe("client", [...OPEN, call(100, "client", "close"), call(110, "server", "close")]),
  // The server aborts while the client's FIN is on its way.
  "FIN-WAIT-1|recv RST|CLOSED": recipe("client", [...OPEN, call(100, "client", "close"), call(105, "server", "abort")]),
  // Data sent by the server reaches the client after close() but before the ACK of its FIN.
  "FIN-WAIT-1|recv data after close|CLOSED": recipe("client", [...OPEN, call(100, "client", "close"), send(105, "server", 10)]),
  "FIN-WAIT-1|abort|CLOSED": recipe("client", [...OPEN, call(100, "client", "shutdown"), call(105, "client", "abort")]),
  "FIN-WAIT-1|retransmission timeout|CLOSED": recipe("client", [...OPEN, call(100, "client", "close")], {
    drop: [{ from: "client", nth: range(3, 60) }],
  }),
  "FIN-WAIT-2|recv FIN|TIME-WAIT": recipe("client", [...OPEN, call(100, "client", "close"), call(500, "server", "close")]),
  "FIN-WAIT-2|recv RST|CLOSED": recipe("client", [...OPEN, call(100, "client", "shutdown"), call(500, "server", "abort")]),
  "FIN-WAIT-2|recv data after close|CLOSED": recipe("client", [...OPEN, call(100, "client", "close"), send(300, "server", 10)]),
  "FIN-WAIT-2|abort|CLOSED": recipe("client", [...OPEN, call(100, "client", "shutdown"), call(500, "client", "abort")]),
  "FIN-WAIT-2|fin-wait-2 timeout|CLOSED": recipe("client", [...OPEN, call(100, "client", "close")]),
  "CLOSE-WAIT|close|LAST-ACK": recipe("server", [...OPEN, call(100, "client", "close"), call(300, "server", "close")]),
  "CLOSE-WAIT|shutdown|LAST-ACK": recipe("server", [...OPEN, call(100, "client", "close"), call(300, "server", "shutdown")]),
  "CLOSE-WAIT|recv RST|CLOSED": recipe("server", [...OPEN, call(100, "client", "shutdown"), call(300, "client", "abort")]),
  "CLOSE-WAIT|abort|CLOSED": recipe("server", [...OPEN, call(100, "client", "close"), call(300, "server", "abort")]),
  "CLOSE-WAIT|retransmission timeout|CLOSED": recipe("server", [...OPEN, call(100, "client", "shutdown"), send(300, "server", 100)], {
    drop: [{ from: "server", nth: range(3, 60) }],
  }),
  "CLOSING|recv ACK|TIME-WAIT": recipe("client", [...OPEN, ...closeBoth(100)]),
  // The client's FIN is lost: it is CLOSING when the server, now in FIN-WAIT-2, aborts.
  "CLOSING|recv RST|CLOSED": recipe("client", [...OPEN, ...closeBoth(100, "shutdown"), call(150, "server", "abort")], {
    drop: [{ from: "client", nth: 3 }],
  }),
  "CLOSING|abort|CLOSED": recipe("client", [...OPEN, ...closeBoth(100, "shutdown"), call(150, "client", "abort")], {
    drop: [{ from: "client", nth: 3 }],
  }),
  "CLOSING|retransmission timeout|CLOSED": recipe("client", [...OPEN, ...closeBoth(100)], {
    drop: [{ from: "client", nth: [3, ...range(5, 60)] }],
  }),
  "LAST-ACK|recv ACK|CLOSED": recipe("server", [...OPEN, call(100, "client", "close"), call(300, "server", "close")]),
  // The server's FIN is lost; the client (FIN-WAIT-2 after shutdown) aborts.
  "LAST-ACK|recv RST|CLOSED": recipe("server", [...OPEN, call(100, "client", "shutdown"), call(300, "server", "close"), call(350, "client", "abort")], {
    drop: [{ from: "server", nth: 3 }],
  }),
  "LAST-ACK|abort|CLOSED": recipe("server", [...OPEN, call(100, "client", "close"), call(300, "server", "shutdown"), call(305, "server", "abort")]),
  "LAST-ACK|retransmission timeout|CLOSED": recipe("server", [...OPEN, call(100, "client", "close"), call(300, "server", "close")], {
    drop: [{ from: "server", nth: range(3, 60) }],
  }),
  "TIME-WAIT|time-wait timeout|CLOSED": recipe("client", [...OPEN, call(100, "client", "close"), call(300, "server", "close")]),
  // The final ACK is lost; the server's first FIN retransmission is delayed past the end of
  // LAST-ACK, so the client's re-ACK meets a closed port and the RST assassinates TIME-WAIT.
  "TIME-WAIT|recv RST|CLOSED": recipe("client", [...OPEN, call(100, "client", "close"), call(110, "server", "close")], {
    drop: [{ from: "client", nth: 4 }],
    reorder: { delays: [{ from: "server", nth: 3, extraMs: 2000 }] },
  }),
  // The server closed first; the client reconnects (higher ISN, newer timestamp).
  "TIME-WAIT|recv SYN|SYN-RECEIVED": recipe("server", [...OPEN, call(100, "server", "close"), call(120, "client", "close"), call(400, "client", "connect")]),
  "TIME-WAIT|time-wait reuse|SYN-SENT": recipe(
    "client",
    [...OPEN, call(100, "client", "close"), call(120, "server", "close"), call(500, "server", "listen"), call(1200, "client", "connect")],
    { loopback: true },
  ),
  "TIME-WAIT|abort|CLOSED": recipe("client", [...OPEN, call(100, "client", "shutdown"), call(110, "server", "close"), call(500, "client", "abort")]),
};

const rowKey = (row: Pick<TransitionRow, "from" | "cause" | "to">) => `${row.from}|${row.cause}|${row.to}`;

function matchesKind(segment: SegmentRecord, kind: NonNullable<TransitionRow["sends"]>): boolean {
  const flags = new Set(segment.flags);
  switch (kind) {
    case "SYN":
      return flags.has("SYN") && !flags.has("ACK");
    case "SYN-ACK":
      return flags.has("SYN") && flags.has("ACK");
    case "ACK":
      return flags.has("ACK") && !flags.has("SYN") && !flags.has("FIN") && !flags.has("RST") && segment.len === 0;
    case "FIN":
      return flags.has("FIN");
    case "RST":
      return flags.has("RST");
  }
}

describe("RFC 9293 conformance table", () => {
  it.each(TRANSITION_TABLE.map((row) => [rowKey(row), row] as const))("%s", (_key, row) => {
    const entry = RECIPES[rowKey(row)];
    expect(entry, "every row needs a scenario").toBeDefined();
    if (entry === undefined) return;
    const result = runScenario(entry.input);
    const transition = result.transitions.find(
      (candidate) => candidate.host === entry.host && candidate.from === row.from && candidate.cause === row.cause && candidate.to === row.to,
    );
    expect(transition, JSON.stringify(result.transitions)).toBeDefined();
    if (transition === undefined || row.sends === null) return;
    const next = result.segments.find((segment) => segment.from === entry.host && segment.t >= transition.t && segment.duplicateOf === undefined);
    expect(next, `${entry.host} sends something after the transition`).toBeDefined();
    if (next !== undefined) expect(matchesKind(next, row.sends), `${next.flags.join(",")} is a ${row.sends}`).toBe(true);
  });

  it("has no recipe without a row", () => {
    const rows = new Set(TRANSITION_TABLE.map(rowKey));
    expect(Object.keys(RECIPES).filter((key) => !rows.has(key))).toEqual([]);
  });

  it("produces only transitions listed in the table in any of these scenarios", () => {
    const unknown = Object.values(RECIPES).flatMap(({ input }) =>
      runScenario(input)
        .transitions.filter((transition) => findTransitionRow(transition.from, transition.cause, transition.to) === undefined)
        .map(rowKey),
    );
    expect(unknown).toEqual([]);
  });

  it("covers all 11 states as the source of some row", () => {
    expect(new Set(TRANSITION_TABLE.map((row) => row.from)).size).toBe(11);
  });
});
