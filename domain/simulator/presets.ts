/**
 * The simulator's presets: each is an engine scenario (application calls at fixed times plus
 * drop rules), never a scripted animation. What the learner sees is whatever the engine does
 * with it. Pure data; tests check each preset's defining behaviour against the engine.
 */
import type { Action, DropRule, HostId, ScenarioInput, SocketOption } from "@/domain/tcp";
import type { Locale } from "@/domain/locale";

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
  "idle-dead-peer",
  "slow-reader",
  "close-unread-data",
  "blank",
] as const;

export type PresetId = (typeof PRESET_IDS)[number];

/** A preset's words: its title and one or two sentences on what happens and what to look at. */
export interface PresetText {
  title: string;
  description: string;
}

export interface Preset {
  id: PresetId;
  /** In every language, side by side: a missing translation is a type error. */
  text: Readonly<Record<Locale, PresetText>>;
  actions: readonly Action[];
  drop?: readonly DropRule[];
  /** Hosts whose application does not read by itself (the learner can change it). */
  autoRead?: Readonly<Partial<Record<HostId, boolean>>>;
}

const OPEN: readonly Action[] = [
  { at: 0, host: "server", do: "listen" },
  { at: 0, host: "client", do: "connect" },
];

const option = (at: number, host: HostId, name: SocketOption, value: number): Action => ({ at, host, do: "setsockopt", option: name, value });

/** Every SYN the client sends is lost, whichever profile and sysctls are used (at most 127 + 127 retries). */
const SILENT_HOST_DROPS: readonly DropRule[] = [{ from: "client", nth: Array.from({ length: 255 }, (_, index) => index + 1) }];

export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  "three-way-handshake": {
    id: "three-way-handshake",
    text: {
      en: {
        title: "Three-way handshake",
        description: "The server listens, the client connects: SYN, SYN-ACK, ACK, and both ends are ESTABLISHED.",
      },
      zh: {
        title: "三次握手",
        description: "服务端监听，客户端发起连接：SYN、SYN-ACK、ACK，之后两端都进入 ESTABLISHED。",
      },
    },
    actions: OPEN,
  },
  "four-way-close": {
    id: "four-way-close",
    text: {
      en: {
        title: "Four-way close",
        description: "The client closes first; the server's application closes a while later, so its ACK and its FIN travel separately: FIN, ACK, FIN, ACK.",
      },
      zh: {
        title: "四次挥手",
        description: "客户端先关闭；服务端的应用过了一会儿才关闭，所以它的 ACK 和 FIN 分开发送：FIN、ACK、FIN、ACK。",
      },
    },
    actions: [...OPEN, { at: 100, host: "client", do: "close" }, { at: 300, host: "server", do: "close" }],
  },
  "piggybacked-close": {
    id: "piggybacked-close",
    text: {
      en: {
        title: "Close with a piggybacked FIN+ACK",
        description: "The server's application closes as soon as the client's FIN arrives, so the server's FIN carries the ACK of the client's FIN: a three-segment close.",
      },
      zh: {
        title: "FIN 捎带 ACK 的关闭",
        description: "客户端的 FIN 一到，服务端的应用就立即关闭，于是服务端的 FIN 捎带了对客户端 FIN 的确认：三个报文段完成关闭。",
      },
    },
    actions: [
      ...OPEN,
      { at: 100, host: "client", do: "send", bytes: 10 },
      { at: 200, host: "client", do: "close" },
      { at: 215, host: "server", do: "close" },
    ],
  },
  "lost-final-ack": {
    id: "lost-final-ack",
    text: {
      en: {
        title: "Lost final ACK",
        description: "The client's last ACK is lost. The server, in LAST-ACK, retransmits its FIN; the client, in TIME-WAIT, ACKs it again and restarts its TIME-WAIT timer.",
      },
      zh: {
        title: "最后的 ACK 丢失",
        description: "客户端最后的 ACK 丢失了。处于 LAST-ACK 的服务端重传它的 FIN；处于 TIME-WAIT 的客户端再次确认，并重新开始 TIME-WAIT 计时。",
      },
    },
    actions: [...OPEN, { at: 100, host: "client", do: "close" }, { at: 200, host: "server", do: "close" }],
    drop: [{ from: "client", nth: 4 }],
  },
  "simultaneous-open": {
    id: "simultaneous-open",
    text: {
      en: {
        title: "Simultaneous open",
        description: "Both ends call connect() at the same moment. Their SYNs cross: each goes SYN-SENT → SYN-RECEIVED → ESTABLISHED.",
      },
      zh: {
        title: "同时打开",
        description: "两端在同一时刻调用 connect()。它们的 SYN 在途中交错：每一端都经历 SYN-SENT → SYN-RECEIVED → ESTABLISHED。",
      },
    },
    actions: [
      { at: 0, host: "client", do: "connect" },
      { at: 0, host: "server", do: "connect" },
    ],
  },
  "simultaneous-close": {
    id: "simultaneous-close",
    text: {
      en: {
        title: "Simultaneous close",
        description: "Both applications close at the same moment. The FINs cross: each end goes FIN-WAIT-1 → CLOSING → TIME-WAIT.",
      },
      zh: {
        title: "同时关闭",
        description: "两端的应用在同一时刻关闭。两个 FIN 在途中交错：每一端都经历 FIN-WAIT-1 → CLOSING → TIME-WAIT。",
      },
    },
    actions: [...OPEN, { at: 100, host: "client", do: "close" }, { at: 100, host: "server", do: "close" }],
  },
  "refused-connection": {
    id: "refused-connection",
    text: {
      en: {
        title: "Refused connection",
        description: "Nobody listens on the server's port: the SYN is answered with RST+ACK and connect() fails with ECONNREFUSED.",
      },
      zh: {
        title: "连接被拒绝",
        description: "服务端的端口上没有程序监听：SYN 得到 RST+ACK 的回应，connect() 以 ECONNREFUSED 失败。",
      },
    },
    actions: [{ at: 0, host: "client", do: "connect" }],
  },
  "abort-with-rst": {
    id: "abort-with-rst",
    text: {
      en: {
        title: "Abort with RST",
        description: "The client's application closes with SO_LINGER set to 0: instead of a FIN it sends an RST, both ends drop the connection at once (no TIME-WAIT), and the server's application gets ECONNRESET.",
      },
      zh: {
        title: "用 RST 中止连接",
        description: "客户端的应用在 SO_LINGER 设为 0 的情况下关闭：它发出 RST 而不是 FIN，两端立即丢弃这条连接（没有 TIME-WAIT），服务端的应用收到 ECONNRESET。",
      },
    },
    actions: [...OPEN, { at: 100, host: "client", do: "send", bytes: 100 }, { at: 200, host: "client", do: "abort" }],
  },
  "half-close": {
    id: "half-close",
    text: {
      en: {
        title: "Half-close",
        description: "The client calls shutdown(SHUT_WR): its FIN says it has nothing more to send, but the server keeps sending data, which the client still receives and acknowledges, until the server closes too.",
      },
      zh: {
        title: "半关闭",
        description: "客户端调用 shutdown(SHUT_WR)：它的 FIN 表示自己没有更多数据要发，但服务端还在继续发送数据，客户端照常接收并确认，直到服务端也关闭。",
      },
    },
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
    text: {
      en: {
        title: "CLOSE_WAIT leak",
        description: "The client closes, but the server's application never calls close(): the server stays in CLOSE-WAIT for good, while the client's orphaned socket leaves FIN-WAIT-2 after tcp_fin_timeout.",
      },
      zh: {
        title: "CLOSE_WAIT 泄漏",
        description: "客户端关闭了，但服务端的应用始终不调用 close()：服务端永远停在 CLOSE-WAIT，而客户端的孤儿套接字在 tcp_fin_timeout 之后离开 FIN-WAIT-2。",
      },
    },
    actions: [...OPEN, { at: 100, host: "client", do: "send", bytes: 100 }, { at: 200, host: "client", do: "close" }],
  },
  "syn-retries": {
    id: "syn-retries",
    text: {
      en: {
        title: "SYN retries to a silent host",
        description: "The server's host is down and nothing answers: every SYN is lost. The client retransmits on its retransmission timer until connect() gives up with ETIMEDOUT.",
      },
      zh: {
        title: "向无人应答的主机重试 SYN",
        description: "服务端所在的主机宕机了，没有任何回应：每个 SYN 都丢失了。客户端按重传定时器不断重传，直到 connect() 以 ETIMEDOUT 放弃。",
      },
    },
    actions: [{ at: 0, host: "client", do: "connect" }],
    drop: SILENT_HOST_DROPS,
  },
  "silent-host": {
    id: "silent-host",
    text: {
      en: {
        title: "A silent host",
        description: "The server's host is down: every segment the client sends is lost. Nothing is scheduled yet.",
      },
      zh: {
        title: "无人应答的主机",
        description: "服务端所在的主机宕机了：客户端发出的每个报文段都会丢失。目前还没有安排任何操作。",
      },
    },
    actions: [],
    drop: SILENT_HOST_DROPS,
  },
  "idle-dead-peer": {
    id: "idle-dead-peer",
    text: {
      en: {
        title: "Idle connection behind a dead peer",
        description: "The client turns keep-alive on (idle 20 s, then every 5 s, 3 probes) and goes quiet. The first probe is answered; at 30 s the server's host vanishes (the link is cut). Nothing answers the next probes, and after the third the client resets the connection: its application gets ETIMEDOUT. The server never knows.",
      },
      zh: {
        title: "对端失联的空闲连接",
        description: "客户端打开保活（空闲 20 秒后开始，每 5 秒一次，共 3 次探测），然后不再收发数据。第一次探测得到了应答；30 秒时服务端所在的主机消失了（链路被切断）。之后的探测都没有应答，第三次之后客户端复位连接，它的应用收到 ETIMEDOUT。服务端对此一无所知。",
      },
    },
    actions: [
      option(0, "client", "SO_KEEPALIVE", 1),
      option(0, "client", "TCP_KEEPIDLE", 20),
      option(0, "client", "TCP_KEEPINTVL", 5),
      option(0, "client", "TCP_KEEPCNT", 3),
      ...OPEN,
      { at: 100, host: "client", do: "send", bytes: 100 },
      { at: 30_000, do: "link", up: false },
    ],
  },
  "slow-reader": {
    id: "slow-reader",
    text: {
      en: {
        title: "Slow reader",
        description: "The server's application sets SO_RCVBUF to 4096 (Linux doubles it) and stops reading. The simulator opens half the buffer as window, in whole segments: two (a real kernel sizes the window from the memory each packet takes and, measured, let in three). The window closes; the client sends zero-window probes, further and further apart. Each read at 3 s and 6 s reopens the window at once with a window update.",
      },
      zh: {
        title: "读得慢的接收方",
        description: "服务端的应用把 SO_RCVBUF 设为 4096（Linux 会把它翻倍），然后不再读取。模拟器把缓冲区的一半按整个报文段算作窗口，即两个报文段（真实内核按每个分组实际占用的内存来算窗口，实测放进了三个）。窗口关闭后，客户端发送零窗口探测，间隔越来越长。服务端在 3 秒和 6 秒各读一次，每次都会立即用窗口更新重新打开窗口。",
      },
    },
    actions: [
      option(0, "server", "SO_RCVBUF", 4096),
      ...OPEN,
      { at: 100, host: "client", do: "send", bytes: 6000 },
      { at: 3000, host: "server", do: "read" },
      { at: 6000, host: "server", do: "read" },
      { at: 7000, host: "server", do: "read" },
      { at: 8000, host: "client", do: "close" },
      { at: 8100, host: "server", do: "close" },
    ],
    autoRead: { server: false },
  },
  "close-unread-data": {
    id: "close-unread-data",
    text: {
      en: {
        title: "Close with unread data",
        description: "The client sends 1000 bytes; the server's application closes its socket without reading them. Data was lost, so instead of a FIN the server sends RST, and the client's application gets ECONNRESET.",
      },
      zh: {
        title: "关闭时还有未读的数据",
        description: "客户端发送 1000 字节；服务端的应用没读这些数据就关闭了套接字。数据丢了，所以服务端发出的不是 FIN 而是 RST，客户端的应用收到 ECONNRESET。",
      },
    },
    actions: [...OPEN, { at: 100, host: "client", do: "send", bytes: 1000 }, { at: 300, host: "server", do: "close" }],
    autoRead: { server: false },
  },
  blank: {
    id: "blank",
    text: {
      en: {
        title: "Two closed sockets",
        description: "Nothing is scheduled: use the actions to listen, connect, send and close yourself.",
      },
      zh: {
        title: "两个关闭的套接字",
        description: "没有安排任何操作：用下面的操作自己监听、连接、发送和关闭。",
      },
    },
    actions: [],
  },
};

/** A preset's title and description in the given language. */
export function presetText(id: PresetId, locale: Locale = "en"): PresetText {
  return PRESETS[id].text[locale];
}

/** The presets in display order. */
export const PRESET_LIST: readonly Preset[] = PRESET_IDS.map((id) => PRESETS[id]);

/** The engine scenario of a preset, without any learner actions. */
export function presetScenario(id: PresetId): ScenarioInput {
  const preset = PRESETS[id];
  return {
    actions: preset.actions.map((action) => ({ ...action })),
    ...(preset.drop ? { drop: preset.drop.map((rule) => ({ ...rule })) } : {}),
    ...(preset.autoRead ? { autoRead: { ...preset.autoRead } } : {}),
  };
}
