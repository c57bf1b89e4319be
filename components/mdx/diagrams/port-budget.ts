/**
 * Ephemeral-port arithmetic: how many connections one client address can open to one server
 * ip:port when every closed connection keeps its 4-tuple in TIME-WAIT on the client.
 */
import { LINUX_CONSTANTS, LINUX_DEFAULTS } from "@/domain/tcp/profiles";

export type PortBudget = {
  /** Ports in the range, both ends included. */
  ports: number;
  /** Distinct 4-tuples available: ports × destinations. */
  tuples: number;
  timeWaitSeconds: number;
  /** Sustained new connections per second before connect() fails (rounded down). */
  perSecond: number;
};

export function portBudget(
  range: readonly [number, number] = LINUX_DEFAULTS.ip_local_port_range,
  timeWaitMs: number = LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS,
  destinations = 1,
): PortBudget {
  const [low, high] = range;
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < 1 || high > 65535 || high < low) {
    throw new RangeError(`Invalid port range ${low}-${high}`);
  }
  if (!(timeWaitMs > 0)) throw new RangeError("TIME-WAIT length must be positive");
  if (!Number.isInteger(destinations) || destinations < 1) throw new RangeError("Need at least one destination");
  const ports = high - low + 1;
  const tuples = ports * destinations;
  const timeWaitSeconds = timeWaitMs / 1000;
  return { ports, tuples, timeWaitSeconds, perSecond: Math.floor(tuples / timeWaitSeconds) };
}

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
