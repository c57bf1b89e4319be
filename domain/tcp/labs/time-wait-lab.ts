/**
 * TIME-WAIT and ephemeral-port exhaustion, aggregated: connections are counted in cohorts per
 * tick instead of simulated one by one, so minutes at thousands of connections/s take
 * milliseconds. Facts and sources: docs/linux-tcp-facts.md ("TIME-WAIT lab").
 */
import { LINUX_DEFAULTS, linuxParams, rfc9293Params } from "../profiles";
import type { HostId, ProfileName } from "../types";
import { arrivalsInTick, PerSecondSeries } from "./arrivals";

export interface TimeWaitLabParams {
  /** Requests per second the client makes. */
  requestsPerSecond: number;
  durationSeconds: number;
  /** Who closes first, and therefore holds TIME-WAIT. */
  closer: HostId;
  /** Keep-alive: requests carried by one connection (1 = a new connection per request). */
  requestsPerConnection?: number;
  /** Client ephemeral ports (ip_local_port_range), inclusive. */
  portRange?: readonly [number, number];
  /** Distinct server ip:port pairs the client spreads connections over (each has its own port space). */
  destinations?: number;
  tcp_tw_reuse?: 0 | 1 | 2;
  /** ms a TIME-WAIT must be older than before tcp_tw_reuse may take it. */
  tcp_tw_reuse_delay?: number;
  /** The connections go over loopback (what tcp_tw_reuse=2 requires). */
  loopback?: boolean;
  /** TCP timestamps negotiated (tcp_tw_reuse requires them). */
  timestamps?: boolean;
  tcp_max_tw_buckets?: number;
  /** How long a connection stays open before the close (ms). */
  connectionLifetimeMs?: number;
  /** linux: TIME-WAIT 60 s; rfc9293: 2 x MSL = 240 s and no reuse. */
  profile?: ProfileName;
  /** Resolution of the model (ms); the series is reported per second. */
  stepMs?: number;
}

export interface TimeWaitLabRow {
  /** Second of the run (the row covers [t, t+1)). */
  t: number;
  attempted: number;
  established: number;
  /** connect() failed with EADDRNOTAVAIL. */
  failed: number;
  /** Connections that took over a TIME-WAIT 4-tuple (tcp_tw_reuse). */
  reused: number;
  /** TIME-WAIT sockets on the client at the end of the second. */
  clientTimeWait: number;
  /** TIME-WAIT sockets on the server at the end of the second. */
  serverTimeWait: number;
  /** Client ports not held by an open connection or a TIME-WAIT, summed over destinations. */
  freePorts: number;
  /** TIME-WAIT sockets destroyed at once because tcp_max_tw_buckets was reached. */
  twOverflows: number;
}

export interface TimeWaitLabSummary {
  newConnectionsPerSecond: number;
  portsPerDestination: number;
  destinations: number;
  /** Ports x destinations: 4-tuples the client can hold towards these servers at once. */
  capacity: number;
  timeWaitSeconds: number;
  reuseActive: boolean;
  /** Highest new-connection rate that never fails in steady state. */
  sustainableConnectionsPerSecond: number;
  /** First time (s) a connect() failed, or null. */
  firstFailureAt: number | null;
  totalAttempted: number;
  totalEstablished: number;
  totalFailed: number;
  totalReused: number;
  peakClientTimeWait: number;
  peakServerTimeWait: number;
  /** Times the kernel found the table full (counted as TcpExtTCPTimeWaitOverflow in nstat). */
  twOverflows: number;
  notes: string[];
}

export interface TimeWaitLabResult {
  series: TimeWaitLabRow[];
  summary: TimeWaitLabSummary;
}

interface Cohort {
  createdAt: number;
  count: number;
}

/** TIME-WAIT sockets of one host, oldest first. */
class TimeWaitPool {
  private readonly cohorts: Cohort[] = [];
  total = 0;

  add(now: number, count: number): void {
    if (count <= 0) return;
    const last = this.cohorts[this.cohorts.length - 1];
    if (last !== undefined && last.createdAt === now) last.count += count;
    else this.cohorts.push({ createdAt: now, count });
    this.total += count;
  }

  /** Remove cohorts whose TIME-WAIT has run out; returns how many sockets ended. */
  expire(now: number, lifetimeMs: number): number {
    let ended = 0;
    while (this.cohorts.length > 0 && (this.cohorts[0]?.createdAt ?? Infinity) + lifetimeMs <= now) {
      ended += this.cohorts.shift()?.count ?? 0;
    }
    this.total -= ended;
    return ended;
  }

  /** Take up to `wanted` sockets entered before `olderThan` (strictly), oldest first. */
  takeOlderThan(olderThan: number, wanted: number): number {
    let taken = 0;
    while (taken < wanted) {
      const oldest = this.cohorts[0];
      if (oldest === undefined || !(oldest.createdAt < olderThan)) break;
      const take = Math.min(oldest.count, wanted - taken);
      oldest.count -= take;
      taken += take;
      if (oldest.count === 0) this.cohorts.shift();
    }
    this.total -= taken;
    return taken;
  }
}

export function runTimeWaitLab(params: TimeWaitLabParams): TimeWaitLabResult {
  // The host behaves as the engine's profile says: TIME-WAIT length, reuse and the bucket limit.
  const host =
    (params.profile ?? "linux") === "rfc9293"
      ? rfc9293Params()
      : linuxParams({
          tcp_tw_reuse: params.tcp_tw_reuse ?? LINUX_DEFAULTS.tcp_tw_reuse,
          tcp_tw_reuse_delay: params.tcp_tw_reuse_delay ?? LINUX_DEFAULTS.tcp_tw_reuse_delay,
          tcp_max_tw_buckets: params.tcp_max_tw_buckets ?? LINUX_DEFAULTS.tcp_max_tw_buckets,
        });
  const [low, high] = params.portRange ?? LINUX_DEFAULTS.ip_local_port_range;
  const portsPerDestination = Math.max(0, high - low + 1);
  const destinations = params.destinations ?? 1;
  const capacity = portsPerDestination * destinations;
  const requestsPerConnection = params.requestsPerConnection ?? 1;
  const connectionsPerSecond = params.requestsPerSecond / requestsPerConnection;
  const timeWaitMs = host.timeWaitMs;
  const twReuse = host.twReuse;
  const reuseDelayMs = host.twReuseDelayMs;
  const timestamps = params.timestamps ?? true;
  // tcp_twsk_unique(): reuse needs timestamps, and tcp_tw_reuse=2 only loopback.
  const reuseActive =
    host.connectMayReuseTimeWait && timestamps && (twReuse === 1 || (twReuse === 2 && (params.loopback ?? false)));
  const maxTwBuckets = host.timeWaitBuckets;
  const lifetimeMs = params.connectionLifetimeMs ?? 0;
  const stepMs = params.stepMs ?? 100;
  const ticks = Math.ceil((params.durationSeconds * 1000) / stepMs);

  const clientTw = new TimeWaitPool();
  const serverTw = new TimeWaitPool();
  const open: Cohort[] = [];
  let openCount = 0;
  const series = new PerSecondSeries<TimeWaitLabRow>(
    (t) => ({ t, attempted: 0, established: 0, failed: 0, reused: 0, clientTimeWait: 0, serverTimeWait: 0, freePorts: 0, twOverflows: 0 }),
    ["clientTimeWait", "serverTimeWait", "freePorts"],
  );
  const totals = { attempted: 0, established: 0, failed: 0, reused: 0, overflows: 0 };
  let firstFailureAt: number | null = null;
  let peakClientTimeWait = 0;
  let peakServerTimeWait = 0;

  /** tcp_time_wait(): past tcp_max_tw_buckets the socket is destroyed instead of kept. */
  const enterTimeWait = (now: number, count: number): number => {
    const pool = params.closer === "client" ? clientTw : serverTw;
    const room = Math.max(0, maxTwBuckets - pool.total);
    const kept = Math.min(count, room);
    pool.add(now, kept);
    return count - kept;
  };

  for (let tick = 0; tick < ticks; tick++) {
    const now = tick * stepMs;
    clientTw.expire(now, timeWaitMs);
    serverTw.expire(now, timeWaitMs);

    // Connections whose lifetime is over close now; the closer's side enters TIME-WAIT.
    let overflows = 0;
    while (open.length > 0 && (open[0]?.createdAt ?? Infinity) + lifetimeMs <= now && lifetimeMs > 0) {
      const closing = open.shift();
      if (closing === undefined) break;
      openCount -= closing.count;
      overflows += enterTimeWait(now, closing.count);
    }

    const attempted = arrivalsInTick(connectionsPerSecond, tick, stepMs / 1000);
    // Server-side TIME-WAIT does not hold the client's port: the client's socket is gone after LAST-ACK.
    const free = Math.max(0, capacity - openCount - clientTw.total);
    let established = Math.min(attempted, free);
    let reused = 0;
    if (established < attempted && reuseActive) {
      reused = clientTw.takeOlderThan(now - reuseDelayMs, attempted - established);
      established += reused;
    }
    const failed = attempted - established;
    // Arrival j happens at j / rate seconds; the first failure is the first arrival not established.
    if (failed > 0 && firstFailureAt === null) firstFailureAt = (totals.attempted + established) / connectionsPerSecond;

    if (lifetimeMs > 0) {
      if (established > 0) open.push({ createdAt: now, count: established });
      openCount += established;
    } else {
      overflows += enterTimeWait(now, established);
    }

    totals.attempted += attempted;
    totals.established += established;
    totals.failed += failed;
    totals.reused += reused;
    totals.overflows += overflows;
    peakClientTimeWait = Math.max(peakClientTimeWait, clientTw.total);
    peakServerTimeWait = Math.max(peakServerTimeWait, serverTw.total);
    series.add(now / 1000, {
      attempted,
      established,
      failed,
      reused,
      clientTimeWait: clientTw.total,
      serverTimeWait: serverTw.total,
      freePorts: Math.max(0, capacity - openCount - clientTw.total),
      twOverflows: overflows,
    });
  }

  const holdMs = params.closer === "client" ? (reuseActive ? reuseDelayMs : timeWaitMs) + lifetimeMs : lifetimeMs;
  const sustainable = holdMs > 0 ? capacity / (holdMs / 1000) : Infinity;
  return {
    series: series.rows,
    summary: {
      newConnectionsPerSecond: connectionsPerSecond,
      portsPerDestination,
      destinations,
      capacity,
      timeWaitSeconds: timeWaitMs / 1000,
      reuseActive,
      sustainableConnectionsPerSecond: sustainable,
      firstFailureAt,
      totalAttempted: totals.attempted,
      totalEstablished: totals.established,
      totalFailed: totals.failed,
      totalReused: totals.reused,
      peakClientTimeWait,
      peakServerTimeWait,
      twOverflows: totals.overflows,
      notes: labNotes(params.closer, reuseActive, twReuse, totals.overflows),
    },
  };
}

function labNotes(closer: HostId, reuseActive: boolean, twReuse: number, overflows: number): string[] {
  const notes: string[] = [];
  if (closer === "server") {
    notes.push(
      "The server closes first, so TIME-WAIT sits on the server. It holds the 4-tuple, not a server port, and the client's port is free again once its side closes; a new SYN on that 4-tuple is accepted (higher ISN or newer timestamp).",
    );
  } else {
    notes.push("The client closes first, so each closed connection keeps a client port busy for the whole TIME-WAIT.");
  }
  if (twReuse === 2 && !reuseActive) notes.push("tcp_tw_reuse=2 only reuses TIME-WAIT on loopback connections.");
  if (overflows > 0) notes.push("tcp_max_tw_buckets reached: the kernel destroys those sockets at once and counts each in TcpExtTCPTimeWaitOverflow (nstat); since Linux 2.6.38 it no longer logs the old 'time wait bucket table overflow' message.");
  return notes;
}
