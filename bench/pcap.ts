/**
 * Capture reader throughput on a ~100 MB pcap read from disk in 1 MiB chunks (one reused buffer,
 * as `tcp pcap` reads), next to a raw read of the same file in the same run: reading alone (containers plus link, IP and TCP
 * decoding) and the whole analysis (connections, Wireshark's retransmission rules, state paths,
 * every segment kept). The file is generated in a temp directory by repeating the packets of a
 * real loopback capture, each repetition a new connection (new client port and ISNs).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CaptureAnalyzer, CaptureReader, decodePacket } from "../domain/tcp/pcap";
import type { BenchFigure, BenchSuite } from "./types";

const TEMPLATE = fileURLToPath(new URL("../tests/fixtures/captures/handshake-data-client-close.pcap", import.meta.url));
const TARGET_BYTES = 100 * 1024 * 1024;
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

/** Writes repetitions of the template conversation until the file reaches the target size. */
export function generateCapture(file: string): { bytes: number; packets: number; connections: number } {
  const { header, records } = templateRecords();
  const fd = openSync(file, "w");
  let written = writeSync(fd, header);
  let packets = 0;
  let connections = 0;
  const batch = new Uint8Array(CHUNK_BYTES + 4096);
  let filled = 0;
  while (written + filled < TARGET_BYTES) {
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

function analyze(file: string): Timing & { connections: number; peakRssMb: number } {
  const analyzer = new CaptureAnalyzer();
  let connections = 0;
  let peakRss = process.memoryUsage.rss();
  const timing = timed(
    file,
    (chunk) => {
      analyzer.push(chunk);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    },
    () => {
      connections = analyzer.finish().connections.length;
    },
  );
  return { ...timing, connections, peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / MB };
}

function figure(id: string, label: string, mbPerSecond: number, rawMbPerSecond: number, note: string): BenchFigure {
  return {
    id,
    label,
    unit: "MB/s",
    value: mbPerSecond,
    baseline: { label: "raw read of the same file, same chunks", value: rawMbPerSecond },
    ratio: mbPerSecond / rawMbPerSecond,
    note,
  };
}

const suite: BenchSuite = {
  name: "pcap",
  run: async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "pcap-bench-"));
    try {
      const file = path.join(directory, "synthetic.pcap");
      const generated = generateCapture(file);
      const sizeMb = generated.bytes / MB;
      rawRead(file); // warm the page cache
      const raw = Math.min(rawRead(file), rawRead(file));
      const read = readOnly(file);
      const analysis = analyze(file);
      if (read.tcp !== generated.packets || analysis.connections !== generated.connections) {
        throw new Error(`bench capture misread: ${read.tcp}/${generated.packets} packets, ${analysis.connections}/${generated.connections} connections`);
      }
      const rawRate = sizeMb / raw;
      const what = `${sizeMb.toFixed(0)} MB, ${generated.packets.toLocaleString("en")} packets`;
      return [
        figure(
          "pcap.readMBps",
          "Capture reading: pcap records + link/IP/TCP decoding",
          sizeMb / read.seconds,
          rawRate,
          `${what} in ${read.seconds.toFixed(2)} s (${read.cpuSeconds.toFixed(2)} s CPU; raw read ${raw.toFixed(2)} s); ratio = value / baseline`,
        ),
        figure(
          "pcap.analyzeMBps",
          "Capture analysis: connections, retransmissions, state paths",
          sizeMb / analysis.seconds,
          rawRate,
          `${what}, ${generated.connections.toLocaleString("en")} connections in ${analysis.seconds.toFixed(2)} s ` +
            `(${analysis.cpuSeconds.toFixed(2)} s CPU), ` +
            `every segment kept, peak RSS ${analysis.peakRssMb.toFixed(0)} MB; ratio = value / baseline`,
        ),
      ];
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  },
};

export default suite;
