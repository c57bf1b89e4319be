/**
 * A reference solution for every challenge (an action log that reaches its goal) and near misses
 * with the feedback they must get. The challenge tests check them against the goals; the kernel
 * differential test replays each solution on the real kernel (docs/kernel-differential.md).
 */
import type { Action } from "@/domain/tcp";

export type ChallengeCase = { solution: Action[]; nearMisses: { log: Action[]; feedback: RegExp }[] };

// four-way-close: 1 SYN, 2 SYN-ACK, 3 ACK, 4 client FIN (t 100), 5 server ACK, 6 server FIN (t 300), 7 client ACK (t 310).
export const CHALLENGE_CASES: Readonly<Record<string, ChallengeCase>> = {
  "server-retransmits-fin": {
    solution: [{ at: 315, do: "drop", segment: 7 }],
    nearMisses: [
      { log: [{ at: 105, do: "drop", segment: 4 }], feedback: /client retransmitted its FIN/ },
      { log: [], feedback: /only once/ },
    ],
  },
  "both-closing": {
    solution: [
      { at: 50, host: "client", do: "close" },
      { at: 50, host: "server", do: "close" },
    ],
    nearMisses: [
      { log: [{ at: 50, host: "client", do: "close" }, { at: 70, host: "server", do: "close" }], feedback: /CLOSE-WAIT/ },
      { log: [{ at: 50, host: "client", do: "close" }], feedback: /CLOSE-WAIT/ },
    ],
  },
  "stuck-close-wait": {
    solution: [{ at: 50, host: "client", do: "close" }],
    nearMisses: [
      { log: [{ at: 50, host: "client", do: "close" }, { at: 200, host: "server", do: "close" }], feedback: /LAST-ACK/ },
      { log: [{ at: 50, host: "client", do: "close" }, { at: 200, host: "server", do: "send", bytes: 10 }], feedback: /RST/ },
      { log: [], feedback: /never received a FIN/ },
    ],
  },
  "refused-connect": {
    solution: [{ at: 0, host: "client", do: "connect" }],
    nearMisses: [
      { log: [{ at: 0, host: "server", do: "listen" }, { at: 0, host: "client", do: "connect" }], feedback: /established/ },
      { log: [], feedback: /never sent a SYN/ },
    ],
  },
  "time-wait-reacks-fin": {
    solution: [{ at: 312, do: "drop", segment: 7 }],
    nearMisses: [
      { log: [{ at: 305, do: "drop", segment: 6 }], feedback: /not in TIME-WAIT/ },
      { log: [], feedback: /No FIN was retransmitted/ },
    ],
  },
  "syn-timeout": {
    solution: [{ at: 0, host: "client", do: "connect" }],
    nearMisses: [
      { log: [{ at: 0, host: "client", do: "connect" }, { at: 5000, host: "client", do: "close" }], feedback: /still retrying/ },
      { log: [], feedback: /call connect/ },
    ],
  },
  "handshake-survives-loss": {
    solution: [{ at: 15, do: "drop", segment: 2 }],
    nearMisses: [
      { log: [], feedback: /No handshake segment was lost/ },
      // Segment 2 is still on the wire at 15 ms but no longer at 25 ms: the drop comes too late.
      { log: [{ at: 25, do: "drop", segment: 2 }], feedback: /No handshake segment was lost/ },
    ],
  },
  "reset-the-peer": {
    solution: [{ at: 50, host: "client", do: "abort" }],
    nearMisses: [{ log: [{ at: 50, host: "client", do: "close" }], feedback: /orderly end of file/ }],
  },
};
