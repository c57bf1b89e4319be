import { formatIpv4 } from "./decode/address";
import type { EndpointKey } from "./decode/decode-packet";
import { formatMilliseconds } from "./summary";
import { formatEpochOf } from "./timestamp";

/**
 * `tcp pcap --summary` rows written as ASCII straight into a byte buffer: numbers digit by digit,
 * each side's address once per run of rows that share it, and the four state columns (two paths
 * and two final states, which follow from the paths) once per distinct pair of paths. The bytes
 * are those of `summaryLine` of each row and a newline (tests/unit/pcap/summary-bytes.test.ts).
 *
 * Making each row a string and converting batches of them to bytes allocated about twice the
 * output in short-lived strings, and converted every number to text on the way.
 */
export class SummaryRowBytes {
  private bytes: Uint8Array;
  private at = 0;
  /** The last address written on each side (an IPv4 address's 32-bit value), and its "a.b.c.d:". */
  private readonly addresses = [-1, -1];
  private readonly addressBytes: Uint8Array[] = [EMPTY, EMPTY];
  /** Client path -> server path -> the row's last four columns and its newline. */
  private readonly stateColumns = new Map<string, Map<string, Uint8Array>>();
  /** The previous row's paths and their state columns. */
  private readonly lastPaths: [string | null, string | null] = [null, null];
  private lastStateColumns: Uint8Array = EMPTY;

  constructor(private readonly chunkBytes: number) {
    this.bytes = new Uint8Array(chunkBytes + ROW_ROOM);
  }

  /** Bytes written since the last `take()`. */
  get length(): number {
    return this.at;
  }

  /**
   * The rows written since the last call. The same buffer takes the next rows: write these out
   * before writing more (a new buffer per chunk left megabytes of them to the garbage collector).
   */
  take(): Uint8Array {
    const written = this.bytes.subarray(0, this.at);
    this.at = 0;
    return written;
  }

  row(
    client: EndpointKey,
    server: EndpointKey,
    startSeconds: number,
    startNanoseconds: number,
    duration: number,
    /** Per-flow columns of counts, and the client's and the server's flow in them. */
    packets: ArrayLike<number>,
    bytes: ArrayLike<number>,
    retransmissions: ArrayLike<number>,
    clientFlow: number,
    serverFlow: number,
    clientPath: string,
    serverPath: string,
    clientFinal: string,
    serverFinal: string,
  ): void {
    const states = this.stateColumnsOf(clientPath, serverPath, clientFinal, serverFinal);
    // Endpoint texts that are not IPv4 keys, and long paths, may not fit the room kept per row.
    const longest = states.length + (typeof client === "number" ? 0 : client.length) + (typeof server === "number" ? 0 : server.length);
    this.reserve(ROW_ROOM + longest);
    this.endpoint(0, client);
    this.bytes[this.at++] = TAB;
    this.endpoint(1, server);
    this.bytes[this.at++] = TAB;
    this.epoch(startSeconds, startNanoseconds);
    this.bytes[this.at++] = TAB;
    this.milliseconds(duration);
    this.bytes[this.at++] = TAB;
    this.pair(packets, clientFlow, serverFlow);
    this.pair(bytes, clientFlow, serverFlow);
    this.pair(retransmissions, clientFlow, serverFlow);
    this.bytes.set(states, this.at);
    this.at += states.length;
  }

  private stateColumnsOf(clientPath: string, serverPath: string, clientFinal: string, serverFinal: string): Uint8Array {
    // Rows in a row mostly share their paths (the same texts, from StateInference.pathText).
    if (clientPath === this.lastPaths[0] && serverPath === this.lastPaths[1]) return this.lastStateColumns;
    const states = this.cachedStateColumns(clientPath, serverPath, clientFinal, serverFinal);
    this.lastPaths[0] = clientPath;
    this.lastPaths[1] = serverPath;
    this.lastStateColumns = states;
    return states;
  }

  private cachedStateColumns(clientPath: string, serverPath: string, clientFinal: string, serverFinal: string): Uint8Array {
    let byServerPath = this.stateColumns.get(clientPath);
    if (byServerPath === undefined) {
      byServerPath = new Map();
      this.stateColumns.set(clientPath, byServerPath);
    }
    let states = byServerPath.get(serverPath);
    if (states === undefined) {
      states = asciiBytes(`${clientPath}\t${serverPath}\t${clientFinal}\t${serverFinal}\n`);
      byServerPath.set(serverPath, states);
    }
    return states;
  }

  /** Makes room for `bytes` more; only rows with long texts need more than a chunk's spare room. */
  private reserve(bytes: number): void {
    if (this.at + bytes <= this.bytes.length) return;
    const bigger = new Uint8Array(this.at + bytes + this.chunkBytes);
    bigger.set(this.bytes.subarray(0, this.at));
    this.bytes = bigger;
  }

  private endpoint(side: 0 | 1, key: EndpointKey): void {
    if (typeof key !== "number") {
      this.ascii(key);
      return;
    }
    const address = Math.floor(key / 65536);
    if (this.addresses[side] !== address) {
      this.addresses[side] = address;
      this.addressBytes[side] = asciiBytes(`${formatIpv4(address)}:`);
    }
    const prefix = this.addressBytes[side]!;
    const bytes = this.bytes;
    let at = this.at;
    for (let index = 0; index < prefix.length; index++) bytes[at++] = prefix[index]!;
    this.at = at;
    this.digits(key - address * 65536);
  }

  /** `formatEpochOf`: seconds, a point and nine digits of nanoseconds. */
  private epoch(seconds: number, nanoseconds: number): void {
    if (!(seconds >= 0 && seconds <= Number.MAX_SAFE_INTEGER && Number.isInteger(seconds) && Number.isInteger(nanoseconds) && nanoseconds >= 0 && nanoseconds < 1e9)) {
      this.ascii(formatEpochOf(seconds, nanoseconds));
      return;
    }
    this.digits(seconds);
    const bytes = this.bytes;
    bytes[this.at] = POINT;
    // Below 10^9: integer division by ten (see `digits`).
    let rest = nanoseconds | 0;
    for (let at = this.at + 9; at > this.at; at--) {
      const next = (rest / 10) | 0;
      bytes[at] = ZERO + rest - next * 10;
      rest = next;
    }
    this.at += 10;
  }

  /**
   * `formatMilliseconds`. A whole number of nanoseconds below 2^40 read as milliseconds has at
   * most 13 significant digits, so its shortest text (what String() writes) is the decimal
   * itself: the integer part, and up to six decimals without trailing zeros.
   */
  private milliseconds(ms: number): void {
    const nanoseconds = ms * 1e6;
    if (nanoseconds >= 0 && nanoseconds < TWO_TO_40) {
      const rounded = Math.round(nanoseconds);
      if (Math.abs(nanoseconds - rounded) < 0.499) {
        const whole = Math.floor(rounded / 1e6);
        // Below 10^6: integer division by ten (see `digits`).
        let fraction = (rounded - whole * 1e6) | 0;
        this.digits(whole);
        if (fraction === 0) return;
        let places = 6;
        for (let next = (fraction / 10) | 0; next * 10 === fraction; next = (fraction / 10) | 0) {
          fraction = next;
          places--;
        }
        const bytes = this.bytes;
        bytes[this.at] = POINT;
        for (let at = this.at + places; at > this.at; at--) {
          const next = (fraction / 10) | 0;
          bytes[at] = ZERO + fraction - next * 10;
          fraction = next;
        }
        this.at += places + 1;
        return;
      }
    }
    this.ascii(formatMilliseconds(ms));
  }

  /** The client's count and the server's, each followed by a tab. */
  private pair(counts: ArrayLike<number>, clientFlow: number, serverFlow: number): void {
    this.number(counts[clientFlow]!);
    this.bytes[this.at++] = TAB;
    this.number(counts[serverFlow]!);
    this.bytes[this.at++] = TAB;
  }

  /** A count as String() writes it. */
  private number(value: number): void {
    if (value >= 0 && value <= Number.MAX_SAFE_INTEGER && Number.isInteger(value)) this.digits(value);
    else this.ascii(String(value));
  }

  /**
   * A whole number from 0 to 2^53. Below 2^31 with integer division by ten, which V8 turns into a
   * multiplication; a division of doubles takes several times as long, and a row has about forty
   * digits.
   */
  private digits(value: number): void {
    if (value >= TWO_TO_31) {
      this.largeDigits(value);
      return;
    }
    let rest = value | 0;
    let count = 1;
    while (count < 10 && rest >= POWERS_OF_TEN[count]!) count++;
    const bytes = this.bytes;
    const start = this.at;
    for (let at = start + count - 1; at >= start; at--) {
      const next = (rest / 10) | 0;
      bytes[at] = ZERO + rest - next * 10;
      rest = next;
    }
    this.at = start + count;
  }

  /** `digits` of a whole number from 2^31 to 2^53. */
  private largeDigits(value: number): void {
    let count = 1;
    for (let power = 10; power <= value; power *= 10) count++;
    const bytes = this.bytes;
    let rest = value;
    for (let at = this.at + count - 1; at >= this.at; at--) {
      const next = Math.floor(rest / 10);
      bytes[at] = ZERO + (rest - next * 10);
      rest = next;
    }
    this.at += count;
  }

  private ascii(text: string): void {
    this.reserve(text.length);
    const bytes = this.bytes;
    let at = this.at;
    for (let index = 0; index < text.length; index++) bytes[at++] = text.charCodeAt(index);
    this.at = at;
  }
}

/** Room kept for a row's fixed part: two IPv4 endpoints, a time, a duration and six counts, with their tabs. */
const ROW_ROOM = 256;
const TAB = 9;
const POINT = 46;
const ZERO = 48;
const TWO_TO_31 = 2 ** 31;
/** 10^0 to 10^9, all below 2^31. */
const POWERS_OF_TEN = Int32Array.from({ length: 10 }, (_, exponent) => 10 ** exponent);
const TWO_TO_40 = 2 ** 40;
const EMPTY = new Uint8Array(0);

/** The text's bytes: every summary text is ASCII (addresses, numbers, state names). */
function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}
