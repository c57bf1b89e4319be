/**
 * The simulator's presets: each is an engine scenario (application calls at fixed times plus
 * drop rules), never a scripted animation. What the learner sees is whatever the engine does
 * with it. Pure data; tests check each preset's defining behaviour against the engine.
 */
import type { Action, DropRule, ScenarioInput } from "@/domain/tcp";

export const PRESET_IDS = [
  "three-way-handshake",
  "four-way-close",
  "piggybacked-close",
  "lost-final-ack",
  "simultaneous-open",
  "simultaneous-close",
  "refused-connection",
  "abort-with-rst",
  "half-close",
  "close-wait-leak",
  "syn-retries",
  "silent-host",
  "blank",
] as const;

export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  id: PresetId;
  title: string;
  /** One or two sentences: what happens and what to look at. */
  description: string;
  actions: readonly Action[];
  drop?: readonly DropRule[];
}

const OPEN: readonly Action[] = [
  { at: 0, host: "server", do: "listen" },
  { at: 0, host: "client", do: "connect" },
];

/** Every SYN the client sends is lost, whichever profile and sysctls are used (at most 127 + 127 retries). */
const SILENT_HOST_DROPS: readonly DropRule[] = [{ from: "client", nth: Array.from({ length: 255 }, (_, index) => index + 1) }];

export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  "three-way-handshake": {
    id: "three-way-handshake",
    title: "Three-way handshake",
    description: "The server listens, the client connects: SYN, SYN-ACK, ACK, and both ends are ESTABLISHED.",
    actions: OPEN,
  },
  "four-way-close": {
    id: "four-way-close",
    title: "Four-way close",
    description:
      "The client closes first; the server's application closes a while later, so its ACK and its FIN travel separately: FIN, ACK, FIN, ACK.",
    actions: [...OPEN, { at: 100, host: "client", do: "close" }, { at: 300, host: "server", do: "close" }],
  },
  "piggybacked-close": {
    id: "piggybacked-close",
    title: "Close with a piggybacked FIN+ACK",
    description:
      "The server's application closes as soon as the client's FIN arrives, so the server's FIN carries the ACK of the client's FIN: a three-segment close.",
    actions: [
      ...OPEN,
      { at: 100, host: "client", do: "send", bytes: 10 },
      { at: 200, host: "client", do: "close" },
      { at: 215, host: "server", do: "close" },
    ],
  },
  "lost-final-ack": {
    id: "lost-final-ack",
    title: "Lost final ACK",
    description:
      "The client's last ACK is lost. The server, in LAST-ACK, retransmits its FIN; the client, in TIME-WAIT, ACKs it again and restarts its TIME-WAIT timer.",
    actions: [...OPEN, { at: 100, host: "client", do: "close" }, { at: 200, host: "server", do: "close" }],
    drop: [{ from: "client", nth: 4 }],
  },
  "simultaneous-open": {
    id: "simultaneous-open",
    title: "Simultaneous open",
    description: "Both ends call connect() at the same moment. Their SYNs cross: each goes SYN-SENT → SYN-RECEIVED → ESTABLISHED.",
    actions: [
      { at: 0, host: "client", do: "connect" },
      { at: 0, host: "server", do: "connect" },
    ],
  },
  "simultaneous-close": {
    id: "simultaneous-close",
    title: "Simultaneous close",
    description: "Both applications close at the same moment. The FINs cross: each end goes FIN-WAIT-1 → CLOSING → TIME-WAIT.",
    actions: [...OPEN, { at: 100, host: "client", do: "close" }, { at: 100, host: "server", do: "close" }],
  },
  "refused-connection": {
    id: "refused-connection",
    title: "Refused connection",
    description: "Nobody listens on the server's port: the SYN is answered with RST+ACK and connect() fails with ECONNREFUSED.",
    actions: [{ at: 0, host: "client", do: "connect" }],
  },
  "abort-with-rst": {
    id: "abort-with-rst",
    title: "Abort with RST",
    description:
      "The client's application closes with SO_LINGER set to 0: instead of a FIN it sends an RST, both ends drop the connection at once (no TIME-WAIT), and the server's application gets ECONNRESET.",
    actions: [...OPEN, { at: 100, host: "client", do: "send", bytes: 100 }, { at: 200, host: "client", do: "abort" }],
  },
  "half-close": {
    id: "half-close",
    title: "Half-close",
    description:
      "The client calls shutdown(SHUT_WR): its FIN says it has nothing more to send, but the server keeps sending data, which the client still receives and acknowledges, until the server closes too.",
    actions: [
      ...OPEN,
      { at: 100, host: "client", do: "shutdown" },
      { at: 200, host: "server", do: "send", bytes: 300 },
      { at: 400, host: "server", do: "send", bytes: 300 },
      { at: 600, host: "server", do: "close" },
    ],
  },
  "close-wait-leak": {
    id: "close-wait-leak",
    title: "CLOSE_WAIT leak",
    description:
      "The client closes, but the server's application never calls close(): the server stays in CLOSE-WAIT for good, while the client's orphaned socket leaves FIN-WAIT-2 after tcp_fin_timeout.",
    actions: [...OPEN, { at: 100, host: "client", do: "send", bytes: 100 }, { at: 200, host: "client", do: "close" }],
  },
  "syn-retries": {
    id: "syn-retries",
    title: "SYN retries to a silent host",
    description:
      "The server's host is down and nothing answers: every SYN is lost. The client retransmits on its retransmission timer until connect() gives up with ETIMEDOUT.",
    actions: [{ at: 0, host: "client", do: "connect" }],
    drop: SILENT_HOST_DROPS,
  },
  "silent-host": {
    id: "silent-host",
    title: "A silent host",
    description: "The server's host is down: every segment the client sends is lost. Nothing is scheduled yet.",
    actions: [],
    drop: SILENT_HOST_DROPS,
  },
  blank: {
    id: "blank",
    title: "Two closed sockets",
    description: "Nothing is scheduled: use the actions to listen, connect, send and close yourself.",
    actions: [],
  },
};

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === "string" && (PRESET_IDS as readonly string[]).includes(value);
}

/** The presets in display order. */
export const PRESET_LIST: readonly Preset[] = PRESET_IDS.map((id) => PRESETS[id]);

/** The engine scenario of a preset, without any learner actions. */
export function presetScenario(id: PresetId): ScenarioInput {
  const preset = PRESETS[id];
  return { actions: [...preset.actions], ...(preset.drop ? { drop: preset.drop.map((rule) => ({ ...rule })) } : {}) };
}
