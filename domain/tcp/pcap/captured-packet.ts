import type { CaptureTimestamp } from "./timestamp";

export type CaptureFormat = "pcap" | "pcapng";

/** One packet record as stored in the capture file, before any protocol decoding. */
export interface CapturedPacket {
  /** 1-based position among the file's packet records (Wireshark's frame number). */
  frame: number;
  /** Byte offset of the record (pcap) or block (pcapng) in the file. */
  offset: number;
  /** null for pcapng Simple Packet Blocks, which carry no timestamp. */
  timestamp: CaptureTimestamp | null;
  linkType: number;
  /** pcapng interface id within its section; 0 for pcap. */
  interfaceId: number;
  /** The captured bytes (a view into the reader's input; never modified by the reader). */
  data: Uint8Array;
  /** Length of the packet on the wire; more than data.length when the capture was cut short. */
  originalLength: number;
}

/**
 * A packet handed over in one object filled again for every packet (CaptureReader's
 * `reusePackets`). Its bytes are `bytes` from `start` to `end`; `data` makes a view of them when
 * asked for, so reading them through the three fields allocates nothing.
 */
export class ReusedPacket implements CapturedPacket {
  frame = 0;
  offset = 0;
  readonly timestamp = { seconds: 0, nanoseconds: 0 };
  linkType = 0;
  interfaceId = 0;
  originalLength = 0;
  bytes: Uint8Array = new Uint8Array(0);
  start = 0;
  end = 0;

  get data(): Uint8Array {
    return this.bytes.subarray(this.start, this.end);
  }
}
