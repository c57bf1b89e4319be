/**
 * Caps that keep a hostile or corrupt file from making the reader allocate without bound.
 * Memory held by a CaptureReader never exceeds one unit (record or block) below these caps
 * plus the chunk being pushed.
 */
export interface CaptureLimits {
  /** Largest captured packet accepted (bytes). */
  maxPacketBytes: number;
  /** Largest pcapng block the reader parses (SHB, IDB, EPB, SPB, OPB); unknown blocks are skipped unbuffered. */
  maxBlockBytes: number;
  /** Most interfaces one pcapng section may declare. */
  maxInterfaces: number;
}

/**
 * 262144 is tcpdump's MAXIMUM_SNAPLEN and Wireshark's standard maximum packet size: larger
 * records do not come from real captures.
 */
export const DEFAULT_LIMITS: CaptureLimits = {
  maxPacketBytes: 262_144,
  maxBlockBytes: 1 << 20,
  maxInterfaces: 1 << 16,
};
