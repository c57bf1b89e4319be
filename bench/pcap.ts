/**
 * Captures at tshark's scale: a generated capture of 100,000 connections (about 93 MB, 1.1 M
 * packets; each repetition of a real loopback conversation is a new connection with its own client
 * port and ISNs) is read by
 * - the capture reader alone (containers, link, IP and TCP decoding), next to a raw read of the
 *   same file in the same chunks;
 * - `tcp pcap --summary` as a process (one row per connection, bounded memory), next to
 *   `tshark -q -z conv,tcp` (one row per conversation) on the same file: wall time, CPU time and
 *   peak memory of each process.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CaptureReader, decodePacket } from "../domain/tcp/pcap";
import { hasCommand, measureProcess, type ProcessMeasure } from "./support/tools";
import type { BenchFigure, BenchSuite } from "./types";

const TEMPLATE = fileURLToPath(new URL("../tests/fixtures/captures/handshake-data-client-close.pcap", import.meta.url));
const CONNECTIONS = 100_000;
const CHUNK_BYTES = 1 << 20;
const MB = 1024 * 1024;

/** Offsets inside a template record: 16-byte record header, Ethernet (14), IPv4 without options (20). */
const TCP = 16 + 14 + 20;

interface TemplateRecord {
  bytes: Uint8Array;
  fromClient: boolean;
}

function templateRecords(): { header: Uint8Array; records: TemplateRecord[]; serverPort: number } {
  const file = new Uint8Array(readFileSync(TEMPLATE));
  const view = new DataView(file.buffer, file.byteOffset);
  const records: TemplateRecord[] = [];
  let serverPort = 0;
  for (let at = 24; at + 16 <= file.length; ) {
    const length = view.getUint32(at + 8, true);
    const bytes = file.slice(at, at + 16 + length);
    const sourcePort = (bytes[TCP] ?? 0) * 256 + (bytes[TCP + 1] ?? 0);
    if (records.length === 0) serverPort = (bytes[TCP + 2] ?? 0) * 256 + (bytes[TCP + 3] ?? 0);
    records.push({ bytes, fromClient: sourcePort !== serverPort });
    at += 16 + length;
  }
  return { header: file.slice(0, 24), records, serverPort };
}

/** Writes `count` repetitions of the template conversation, each a new connection. */
export function generateCapture(file: string, count = CONNECTIONS): { bytes: number; packets: number; connections: number } {
  const { header, records } = templateRecords();
  const fd = openSync(file, "w");
  let written = writeSync(fd, header);
  let packets = 0;
  let connections = 0;
  const batch = new Uint8Array(CHUNK_BYTES + 4096);
  let filled = 0;
  while (connections < count) {
    const clientPort = 32768 + (connections % 28000);
    const isnShift = (connections * 100_003) >>> 0;
    for (const { bytes, fromClient } of records) {
      const record = bytes.slice();
      const view = new DataView(record.buffer);
      view.setUint32(0, view.getUint32(0, true) + Math.floor(connections / 10), true);
      view.setUint16(TCP + (fromClient ? 0 : 2), clientPort);
      view.setUint32(TCP + 4, (view.getUint32(TCP + 4) + isnShift) >>> 0);
      view.setUint32(TCP + 8, (view.getUint32(TCP + 8) + isnShift) >>> 0);
      batch.set(record, filled);
      filled += record.length;
      packets++;
    }
    connections++;
    if (filled >= CHUNK_BYTES) {
      written += writeSync(fd, batch.subarray(0, filled));
      filled = 0;
    }
  }
  written += writeSync(fd, batch.subarray(0, filled));
  closeSync(fd);
  return { bytes: written, packets, connections };
}

interface Timing {
  seconds: number;
  /** CPU time, a steadier figure than wall time on a busy machine. */
  cpuSeconds: number;
}

/** Reads the file in 1 MiB chunks through one reused buffer (as `tcp pcap` does), handing each to `consume`. */
function timed(file: string, consume: (chunk: Uint8Array) => void, finish: () => void = () => {}): Timing {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const buffer = new Uint8Array(CHUNK_BYTES);
  const fd = openSync(file, "r");
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) consume(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  finish();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** The baseline: the same reads into the same buffer, nothing done with the bytes. */
function rawRead(file: string): number {
  return timed(file, () => {}).seconds;
}

function readOnly(file: string): Timing & { tcp: number } {
  const reader = new CaptureReader();
  let tcp = 0;
  const timing = timed(
    file,
    (chunk) => {
      reader.read(chunk, (packet) => {
        if (decodePacket(packet).kind === "tcp") tcp++;
      });
    },
    () => reader.end(),
  );
  return { ...timing, tcp };
}

function figure(
  id: string,
  label: string,
  mbPerSecond: number,
  baseline: { label: string; value: number },
  note: string,
  goal?: BenchFigure["goal"],
): BenchFigure {
  return { id, label, unit: "MB/s", value: mbPerSecond, baseline, ratio: mbPerSecond / baseline.value, note, ...(goal ? { goal } : {}) };
}

const ROUNDS = 3;

interface Comparison {
  ours: ProcessMeasure & { rows: number };
  /** The same command through `npm run --silent tcp --`, which adds npm's own start. */
  viaNpm: ProcessMeasure;
  peer: (ProcessMeasure & { rows: number }) | null;
}

/**
 * What `npm run tcp` runs (package.json): the environment variables it sets, and node's arguments
 * (its V8 flags, then scripts/tcp.mjs). The bench runs the same command line without npm's own
 * start.
 */
function tcpCommand(): { text: string; args: string[]; env: NodeJS.ProcessEnv } {
  const text = String(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts.tcp);
  const words = text.split(/\s+/);
  const env: NodeJS.ProcessEnv = { ...process.env };
  while (/^[A-Z_][A-Z0-9_]*=\S*$/.test(words[0] ?? "")) {
    const [name, value] = words.shift()!.split("=") as [string, string];
    env[name] = value;
  }
  const [program, ...args] = words;
  if (program !== "node" || args[args.length - 1] !== "scripts/tcp.mjs") {
    throw new Error(`npm run tcp runs "${text}", not node with scripts/tcp.mjs`);
  }
  return { text, args, env };
}

/**
 * `tcp pcap FILE --summary` as a process (the command line `npm run tcp` runs) and
 * tshark on the same file, in alternating rounds so both see the same load on a shared machine;
 * each side's median round (by wall time). Also once through `npm run` itself.
 */
function compare(file: string): Comparison {
  const command = tcpCommand();
  const args = [...command.args, "pcap", file, "--summary"];
  // Once to build the cached bundle, so the measured runs are what a user's later runs cost.
  measureProcess(process.execPath, args, command.env);
  const ours: ProcessMeasure[] = [];
  const peers: ProcessMeasure[] = [];
  const withTshark = hasCommand("tshark");
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(measureProcess(process.execPath, args, command.env));
    if (withTshark) peers.push(measureProcess("tshark", ["-q", "-z", "conv,tcp", "-r", file]));
  }
  const viaNpm = measureProcess("npm", ["run", "--silent", "tcp", "--", "pcap", file, "--summary"]);
  const oursMedian = medianRound(ours);
  const peerMedian = withTshark ? medianRound(peers) : null;
  return {
    ours: { ...oursMedian, rows: oursMedian.stdout.trimEnd().split("\n").length - 1 },
    viaNpm,
    peer: peerMedian && { ...peerMedian, rows: peerMedian.stdout.split("\n").filter((line) => line.includes("<->")).length },
  };
}

/** The round with the median wall time. */
function medianRound(rounds: ProcessMeasure[]): ProcessMeasure {
  return [...rounds].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor(rounds.length / 2)]!;
}

const suite: BenchSuite = {
  name: "pcap",
  command: "npm run bench -- pcap",
  run: async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "pcap-bench-"));
    try {
      const file = path.join(directory, "synthetic.pcap");
      const generated = generateCapture(file);
      const sizeMb = generated.bytes / MB;
      rawRead(file); // warm the page cache
      const raw = Math.min(rawRead(file), rawRead(file));
      const read = readOnly(file);
      if (read.tcp !== generated.packets) throw new Error(`bench capture misread: ${read.tcp}/${generated.packets} packets`);
      const { ours, viaNpm, peer } = compare(file);
      if (ours.rows !== generated.connections) throw new Error(`--summary printed ${ours.rows} rows for ${generated.connections} connections`);
      if (viaNpm.stdout !== ours.stdout) throw new Error("npm run --silent tcp -- pcap printed another summary");
      const what = `${sizeMb.toFixed(0)} MB, ${generated.packets.toLocaleString("en")} packets, ${generated.connections.toLocaleString("en")} connections`;
      const command = "tcp pcap FILE --summary";
      const figures: BenchFigure[] = [
        figure(
          "pcap.readMBps",
          "Capture reading: pcap records + link/IP/TCP decoding",
          sizeMb / read.seconds,
          { label: "raw read of the same file, same chunks", value: sizeMb / raw },
          `${what} in ${read.seconds.toFixed(2)} s (${read.cpuSeconds.toFixed(2)} s CPU; raw read ${raw.toFixed(2)} s); ratio = value / baseline`,
        ),
      ];
      const oursText =
        `${ours.wallSeconds.toFixed(2)} s wall, ${ours.cpuSeconds.toFixed(2)} s CPU, peak ${ours.peakRssMb.toFixed(0)} MiB ` +
        `(\`${tcpCommand().text}\`, what \`npm run tcp\` runs; through \`npm run --silent tcp --\`, which adds npm's own start: ` +
        `${viaNpm.wallSeconds.toFixed(2)} s wall, ${viaNpm.cpuSeconds.toFixed(2)} s CPU)`;
      const rounds = `median of ${ROUNDS} alternating rounds`;
      if (peer) {
        const peerText = `${peer.wallSeconds.toFixed(2)} s wall, ${peer.cpuSeconds.toFixed(2)} s CPU, peak ${peer.peakRssMb.toFixed(0)} MiB, ${peer.rows.toLocaleString("en")} rows`;
        figures.push(
          figure(
            "pcap.summaryVsTshark",
            `Per-connection summary, \`${command}\` (process, wall time)`,
            sizeMb / ours.wallSeconds,
            { label: "`tshark -q -z conv,tcp -r FILE` on the same file", value: sizeMb / peer.wallSeconds },
            `${what}, ${rounds}. Ours: ${oursText}; tshark: ${peerText}. By CPU time ×${(peer.cpuSeconds / ours.cpuSeconds).toFixed(2)}; ratio = value / baseline`,
            // Wall time on a shared machine mixes in the other work's load: met only if CPU time agrees.
            {
              text: "≥ ×10 (ten times tshark's speed, by wall and by CPU time)",
              met: peer.wallSeconds / ours.wallSeconds >= 10 && peer.cpuSeconds / ours.cpuSeconds >= 10,
            },
          ),
          {
            id: "pcap.summaryPeakMemory",
            label: `Peak memory of \`${command}\``,
            unit: "MiB",
            value: ours.peakRssMb,
            baseline: { label: "tshark conv,tcp on the same file", value: peer.peakRssMb },
            ratio: ours.peakRssMb / peer.peakRssMb,
            note: `${what}; lower is better`,
            goal: { text: "< 250 MiB (and below tshark)", met: ours.peakRssMb < 250 },
          },
        );
      } else {
        figures.push(
          figure(
            "pcap.summaryMBps",
            `Per-connection summary, \`${command}\` (process, wall time)`,
            sizeMb / ours.wallSeconds,
            { label: "raw read of the same file, same chunks (tshark is not installed)", value: sizeMb / raw },
            `${what}, median of ${ROUNDS} rounds. Ours: ${oursText}; ratio = value / baseline`,
          ),
        );
      }
      return figures;
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  },
};

export default suite;
