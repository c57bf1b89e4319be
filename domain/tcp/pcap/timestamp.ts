/** A capture timestamp, exact to the nanosecond (a double cannot hold epoch nanoseconds). */
export interface CaptureTimestamp {
  /** Seconds since the Unix epoch. */
  seconds: number;
  /** 0 to 999 999 999. */
  nanoseconds: number;
}

const NS_PER_SECOND = 1_000_000_000;

export function timestamp(seconds: number, nanoseconds: number): CaptureTimestamp {
  return setTimestamp({ seconds: 0, nanoseconds: 0 }, seconds, nanoseconds);
}

/** Sets `into` to the time, as `timestamp` makes it. */
export function setTimestamp(into: CaptureTimestamp, seconds: number, nanoseconds: number): CaptureTimestamp {
  // Some writers store fractions of a full second or more; carry them rather than reject.
  const carry = Math.floor(nanoseconds / NS_PER_SECOND);
  into.seconds = seconds + carry;
  into.nanoseconds = nanoseconds - carry * NS_PER_SECOND;
  return into;
}

/** Milliseconds from `from` to `to`, as a double (exact enough for differences under days). */
export function millisecondsBetween(from: CaptureTimestamp, to: CaptureTimestamp): number {
  return (to.seconds - from.seconds) * 1000 + (to.nanoseconds - from.nanoseconds) / 1e6;
}

/** "1732412345.123456789": epoch seconds with nine decimals, as tshark's frame.time_epoch. */
export function formatEpoch(ts: CaptureTimestamp): string {
  return formatEpochOf(ts.seconds, ts.nanoseconds);
}

/** `formatEpoch` of a time given as its two numbers. */
export function formatEpochOf(epochSeconds: number, epochNanoseconds: number): string {
  const sign = epochSeconds < 0 ? "-" : "";
  let seconds = Math.abs(epochSeconds);
  let nanoseconds = epochNanoseconds;
  if (sign && nanoseconds > 0) {
    seconds -= 1;
    nanoseconds = NS_PER_SECOND - nanoseconds;
  }
  return `${sign}${seconds}.${String(nanoseconds).padStart(9, "0")}`;
}

/** A timestamp resolution: units per second as a power of ten or of two (pcapng if_tsresol). */
export interface TimestampResolution {
  base: 10 | 2;
  exponent: number;
}

export const MICROSECONDS: TimestampResolution = { base: 10, exponent: 6 };

/**
 * Converts a 64-bit count of resolution units (as pcapng stores it, split in two 32-bit halves)
 * to seconds and nanoseconds. Decimal resolutions up to nanoseconds, by far the common ones, use
 * exact double arithmetic; the rest go through BigInt.
 */
export function fromUnits(high: number, low: number, resolution: TimestampResolution): CaptureTimestamp {
  if (resolution.base === 10 && resolution.exponent <= 9) {
    const unitsPerSecond = 10 ** resolution.exponent;
    const { quotient, remainder } = divide64(high, low, unitsPerSecond);
    return { seconds: quotient, nanoseconds: remainder * 10 ** (9 - resolution.exponent) };
  }
  const value = (BigInt(high) << 32n) | BigInt(low);
  const unitsPerSecond = BigInt(resolution.base) ** BigInt(resolution.exponent);
  const seconds = value / unitsPerSecond;
  const nanoseconds = ((value % unitsPerSecond) * 1_000_000_000n) / unitsPerSecond;
  return { seconds: Number(seconds), nanoseconds: Number(nanoseconds) };
}

/**
 * (high * 2^32 + low) / divisor by long division over 16-bit limbs: every intermediate stays
 * below divisor * 2^16, exact in a double for divisors up to 2^37.
 */
function divide64(high: number, low: number, divisor: number): { quotient: number; remainder: number } {
  let quotient = 0;
  let remainder = 0;
  for (const limb of [high >>> 16, high & 0xffff, low >>> 16, low & 0xffff]) {
    const current = remainder * 65536 + limb;
    const digit = Math.floor(current / divisor);
    remainder = current - digit * divisor;
    quotient = quotient * 65536 + digit;
  }
  return { quotient, remainder };
}
