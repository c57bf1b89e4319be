import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { generateCapture } from "@/bench/pcap";
import { CaptureAnalyzer, CaptureFormatError, summaryLine, type TcpState } from "@/domain/tcp/pcap";
import { endpointText } from "@/domain/tcp/pcap/decode/decode-packet";
import { SummaryRowBytes } from "@/domain/tcp/pcap/summary-bytes";
import { formatEpochOf } from "@/domain/tcp/pcap/timestamp";
import { TCP_STATES } from "@/domain/tcp/types";
import { loadCorpus } from "@/scripts/fuzz-captures";

/**
 * `tcp pcap --summary` writes its rows as bytes straight from the analysis's columns; they must be
 * the bytes of the plain renderer, `summaryLine` of each row of `finishSummary()` and a newline.
 */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DIRECTORIES = ["public/captures", "tests/fixtures/capture-challenges", "tests/fixtures/captures", "tests/fixtures/tcp/captures"];
const scratch = mkdtempSync(path.join(os.tmpdir(), "pcap-summary-bytes-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function analyzer(bytes: Uint8Array): CaptureAnalyzer {
  const analyzer = new CaptureAnalyzer({ maxSegmentsPerConnection: 0, transitions: false });
  analyzer.push(bytes);
  return analyzer;
}

/** The plain renderer's text. */
function plainText(bytes: Uint8Array): string {
  return analyzer(bytes)
    .finishSummary()
    .connections.map((row) => `${summaryLine(row)}\n`)
    .join("");
}

/** The bytes writer's chunks, each copied as it comes (the next one reuses its buffer), as text. */
function writtenText(bytes: Uint8Array, chunkBytes: number): { text: string; chunks: number } {
  const copies: Buffer[] = [];
  for (const chunk of analyzer(bytes).finishSummaryBytes(chunkBytes).chunks) copies.push(Buffer.from(chunk));
  const text = Buffer.concat(copies).toString("latin1");
  // Every byte is ASCII, so the bytes read as UTF-8 (what a terminal does) say the same.
  expect(Buffer.concat(copies).toString("utf8")).toBe(text);
  return { text, chunks: copies.length };
}

function committedCaptures(): { name: string; bytes: Uint8Array }[] {
  return DIRECTORIES.flatMap((directory) =>
    loadCorpus(path.join(ROOT, directory) + path.sep).map(({ name, bytes }) => ({ name: `${directory}/${name}`, bytes })),
  ).filter(({ bytes }) => {
    try {
      analyzer(bytes);
      return true;
    } catch (error) {
      if (error instanceof CaptureFormatError) return false;
      throw error;
    }
  });
}

describe("summary rows written as bytes", () => {
  it("are the plain renderer's lines for every committed capture, in one chunk or one per row", () => {
    const captures = committedCaptures();
    expect(captures.length).toBeGreaterThan(20);
    for (const { name, bytes } of captures) {
      const expected = plainText(bytes);
      expect(writtenText(bytes, 1 << 16).text, name).toBe(expected);
      expect(writtenText(bytes, 1).text, name).toBe(expected);
    }
  });

  it("are the plain renderer's lines for a generated capture of many chunks", () => {
    const file = path.join(scratch, "generated.pcap");
    generateCapture(file, 3_000);
    const bytes = new Uint8Array(readFileSync(file));
    const expected = plainText(bytes);
    const { text, chunks } = writtenText(bytes, 4096);
    expect(chunks).toBeGreaterThan(50);
    expect(text).toBe(expected);
  });

  it("write any row's numbers and texts as summaryLine does", () => {
    const endpoint = fc.oneof(
      fc.tuple(fc.nat(0xffffffff), fc.nat(0xffff)).map(([address, port]) => address * 65536 + port),
      fc.constantFrom("[::1]:443", "[2001:db8::1]:65535", "[fe80::1:2:3:4]:0"),
    );
    const count = fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.double({ noNaN: false }));
    const path = fc.array(fc.constantFrom(...TCP_STATES), { minLength: 1, maxLength: 40 });
    const duration = fc.oneof(fc.double({ min: 0, max: 1e13, noNaN: true }), fc.double(), fc.nat(1e9).map((ns) => ns / 1e6));
    const seconds = fc.oneof(fc.nat(4_000_000_000), fc.integer({ min: -1e10, max: 1e16 }), fc.double({ min: -1e10, max: 1e10, noNaN: true }));
    const nanoseconds = fc.oneof(fc.nat(999_999_999), fc.double({ min: 0, max: 2e9, noNaN: true }));
    const row = fc.record({
      client: endpoint,
      server: endpoint,
      seconds,
      nanoseconds,
      duration,
      counts: fc.array(count, { minLength: 6, maxLength: 6 }),
      clientPath: path,
      serverPath: path,
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), fc.constantFrom(1, 64, 4096), (rows, chunkBytes) => {
        const writer = new SummaryRowBytes(chunkBytes);
        const copies: Buffer[] = [];
        let expected = "";
        for (const { client, server, seconds, nanoseconds, duration, counts, clientPath, serverPath } of rows) {
          const [packetsClient, packetsServer, bytesClient, bytesServer, retransmissionsClient, retransmissionsServer] = counts as number[];
          // Per-flow columns as the tracker keeps them, the server's flow first for a change.
          const column = (client: number, server: number) => [server, client];
          const clientText = clientPath.join(">");
          const serverText = serverPath.join(">");
          const clientFinal = clientPath[clientPath.length - 1]! as TcpState;
          const serverFinal = serverPath[serverPath.length - 1]! as TcpState;
          writer.row(
            client,
            server,
            seconds,
            nanoseconds,
            duration,
            column(packetsClient!, packetsServer!),
            column(bytesClient!, bytesServer!),
            column(retransmissionsClient!, retransmissionsServer!),
            1,
            0,
            clientText,
            serverText,
            clientFinal,
            serverFinal,
          );
          if (writer.length >= chunkBytes) copies.push(Buffer.from(writer.take()));
          const line = summaryLine({
            client: endpointText(client),
            server: endpointText(server),
            start: formatEpochOf(seconds, nanoseconds),
            duration,
            packets: { client: packetsClient!, server: packetsServer! },
            bytes: { client: bytesClient!, server: bytesServer! },
            retransmissions: { client: retransmissionsClient!, server: retransmissionsServer! },
            states: { client: clientPath, server: serverPath },
            final: { client: clientFinal, server: serverFinal },
          });
          expected += `${line}\n`;
        }
        copies.push(Buffer.from(writer.take()));
        expect(Buffer.concat(copies).toString("latin1")).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });
});
