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
