import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CaptureFormatError, CaptureReader, decodePacket, LinkType, type CapturedPacket } from "@/domain/tcp/pcap";
import { decodeSegment, SegmentRecord } from "@/domain/tcp/pcap/decode/segment-record";
import { loadCorpus, mulberry32, mutate } from "@/scripts/fuzz-captures";
import { FIXTURE_DIR } from "./helpers/fixtures";

/**
 * The analysis decodes each packet into one reused record (no object per packet), handling the
 * usual layouts itself and leaving the rest to `decodePacket`. Wherever it decodes a packet, it
 * must read exactly what `decodePacket` reads; and the reader handing every packet over in one
 * reused object must hand over the same packets.
 */
const directories = [FIXTURE_DIR, path.join(FIXTURE_DIR, "..", "tcp", "captures") + path.sep];
const corpus = directories.flatMap((directory) => (readdirSync(directory).length > 0 ? loadCorpus(directory) : []));

/** The committed captures' packets and those of mutated copies (seeded), each with its source. */
function packets(): { name: string; packet: CapturedPacket }[] {
  const random = mulberry32(5);
  const inputs = [...corpus];
  for (let i = 0; i < 400; i++) {
    const source = corpus[Math.floor(random() * corpus.length)]!;
    inputs.push({ name: `${source.name} (${mutate(source.bytes, random).mutation})`, bytes: mutate(source.bytes, random).bytes });
  }
  const all: { name: string; packet: CapturedPacket }[] = [];
  for (const { name, bytes } of inputs) {
    try {
      for (const packet of new CaptureReader().push(bytes)) all.push({ name, packet });
    } catch (error) {
      if (!(error instanceof CaptureFormatError)) throw error;
    }
  }
  return all;
}

const all = packets();

/** Everything a packet says, its bytes included. */
function describePacket({ frame, offset, timestamp, linkType, interfaceId, data, originalLength }: CapturedPacket): string {
  return JSON.stringify({ frame, offset, timestamp, linkType, interfaceId, data: [...data], originalLength });
}

describe("the reused segment record", () => {
  it("covers thousands of packets, most of them decoded without decodePacket", () => {
    const decoded = all.filter(({ packet }) => decodeSegment(packet.data, 0, packet.data.length, packet.linkType, new SegmentRecord()));
    expect(all.length).toBeGreaterThan(2000);
    expect(decoded.length).toBeGreaterThan(all.length / 2);
    // Each layout it handles itself occurs in the committed captures.
    const linkTypes = new Set(decoded.map(({ packet }) => packet.linkType));
    for (const linkType of [LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW]) expect(linkTypes).toContain(linkType);
  });

  it("reads exactly what decodePacket reads, wherever it decodes a packet itself", () => {
    const record = new SegmentRecord();
    for (const { name, packet } of all) {
      // Inside a larger buffer, as the reader hands packets over.
      const bytes = new Uint8Array(packet.data.length + 16).fill(0xee);
      bytes.set(packet.data, 8);
      const here = decodeSegment(bytes, 8, 8 + packet.data.length, packet.linkType, record);
      const reference = decodePacket(packet);
      if (!here) continue;
      expect(reference.kind, name).toBe("tcp");
      if (reference.kind !== "tcp") continue;
      const { tcp } = reference.packet;
      const expected = new SegmentRecord();
      expected.fillFrom(reference.packet);
      expect(
        {
          sourceKey: record.sourceKey,
          destinationKey: record.destinationKey,
          sourcePort: record.sourcePort,
          destinationPort: record.destinationPort,
          fragmented: record.fragmented,
          flags: record.flags,
          seq: record.seq,
          ack: record.ack,
          window: record.window,
          len: record.len,
          windowScale: record.windowScale,
          hasTimestamps: record.hasTimestamps,
          tsval: record.hasTimestamps ? record.tsval : 0,
          tsecr: record.hasTimestamps ? record.tsecr : 0,
        },
        name,
      ).toEqual({
        sourceKey: expected.sourceKey,
        destinationKey: expected.destinationKey,
        sourcePort: expected.sourcePort,
        destinationPort: expected.destinationPort,
        fragmented: expected.fragmented,
        flags: expected.flags,
        seq: expected.seq,
        ack: expected.ack,
        window: expected.window,
        len: expected.len,
        windowScale: expected.windowScale,
        hasTimestamps: expected.hasTimestamps,
        tsval: expected.tsval,
        tsecr: expected.tsecr,
      });
      expect(record.options(), name).toEqual(tcp.options);
    }
  });

  it("is handed packets in one reused object by the reader, the same packets as without", () => {
    for (const { name, bytes } of corpus) {
      const fresh: string[] = [];
      new CaptureReader().read(bytes, (packet) => fresh.push(describePacket(packet)));
      const reused: string[] = [];
      const objects = new Set<CapturedPacket>();
      const reader = new CaptureReader({ reusePackets: true });
      for (let at = 0; at < bytes.length; at += 100) {
        reader.read(bytes.subarray(at, at + 100), (packet) => {
          objects.add(packet);
          reused.push(describePacket(packet));
        });
      }
      expect(reused, name).toEqual(fresh);
      if (name.endsWith(".pcap")) expect(objects.size, name).toBe(1);
      // push() always returns packets of their own.
      const pushed = new CaptureReader({ reusePackets: true }).push(bytes);
      expect(new Set(pushed).size, name).toBe(pushed.length);
      expect(pushed.map(describePacket), name).toEqual(fresh);
    }
  });
});
