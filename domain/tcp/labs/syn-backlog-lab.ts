/**
 * SYN flood against a listener, aggregated in cohorts: the SYN queue (request sockets), SYN
 * cookies, the accept queue and the application's accept() rate, following tcp_conn_request()
 * and reqsk_timer_handler(). Facts and sources: docs/linux-tcp-facts.md ("SYN backlog lab").
 */
import { EventQueue } from "../event-queue";
import { LINUX_CONSTANTS, LINUX_DEFAULTS } from "../profiles";
import { arrivalsInTick, PerSecondSeries } from "./arrivals";

export interface SynBacklogLabParams {
  durationSeconds: number;
  /** Spoofed SYNs per second that never complete the handshake. */
  attackSynPerSecond?: number;
  /** Real clients per second; each completes the handshake one RTT after the SYN-ACK. */
  legitConnectsPerSecond?: number;
  rttMs?: number;
  /** The listen() backlog argument. */
  backlog?: number;
  somaxconn?: number;
  tcp_max_syn_backlog?: number;
  tcp_syncookies?: 0 | 1 | 2;
  tcp_synack_retries?: number;
  /** Client side: how long a legitimate client keeps retrying a dropped SYN. */
  tcp_syn_retries?: number;
  tcp_syn_linear_timeouts?: number;
  /** accept() calls per second by the application (default: unlimited). */
  acceptPerSecond?: number;
  stepMs?: number;
}

export interface SynBacklogLabRow {
  t: number;
  /** SYNs that reached the listener (attack + legitimate, retries included). */
  synReceived: number;
  /** SYNs dropped: SYN queue full without cookies, accept queue full, or tcp_max_syn_backlog's reserve. */
  synDropped: number;
  /** SYN-ACKs carrying a cookie instead of a queued request. */
  cookiesSent: number;
  synAckRetransmits: number;
  /** Legitimate handshakes that reached the accept queue. */
  handshakesCompleted: number;
  accepted: number;
  /** Legitimate clients whose connect() failed with ETIMEDOUT. */
  connectTimeouts: number;
  /** Request sockets at the end of the second (SYN-RECEIVED). */
  synQueue: number;
  /** Completed connections waiting for accept() at the end of the second. */
  acceptQueue: number;
}

export interface SynBacklogLabSummary {
  /** min(backlog, somaxconn): the listener's sk_max_ack_backlog. */
  maxAckBacklog: number;
  /** Requests the SYN queue holds before it counts as full (sk_max_ack_backlog + 1 since Linux 6.13). */
  synQueueCapacity: number;
  /** Connections the accept queue holds (sk_max_ack_backlog + 1: "full" is ack_backlog > max). */
  acceptQueueCapacity: number;
  totalSynReceived: number;
  totalSynDropped: number;
  totalCookiesSent: number;
  totalHandshakesCompleted: number;
  totalAccepted: number;
  totalConnectTimeouts: number;
  /** Clients whose final ACK was dropped for good (accept queue full): they believe they are connected. */
  brokenHandshakes: number;
  /** First second in which a legitimate client's SYN was dropped, or null. */
  firstLegitDropAt: number | null;
  peakSynQueue: number;
  peakAcceptQueue: number;
  notes: string[];
}

export interface SynBacklogLabResult {
  series: SynBacklogLabRow[];
  summary: SynBacklogLabSummary;
}

/** Requests created in the same tick by the same kind of sender. */
interface RequestCohort {
  legit: boolean;
  count: number;
  /** SYN-ACK timeouts so far (req->num_timeout). */
  timeouts: number;
  /** Final ACK arrived but the accept queue was full: such requests use the full retry budget. */
  acked: boolean;
}

type LabEvent =
  | { kind: "syn-ack-timeout"; cohort: RequestCohort }
  /** cohort null: a cookie's ACK (no request state on the server). */
  | { kind: "final-ack"; cohort: RequestCohort | null; count: number }
  | { kind: "client-retry"; attempt: number; count: number };

export function runSynBacklogLab(params: SynBacklogLabParams): SynBacklogLabResult {
  const backlog = params.backlog ?? LINUX_DEFAULTS.somaxconn;
  const somaxconn = params.somaxconn ?? LINUX_DEFAULTS.somaxconn;
  const maxAckBacklog = Math.min(backlog, somaxconn);
  const maxSynBacklog = params.tcp_max_syn_backlog ?? LINUX_DEFAULTS.tcp_max_syn_backlog;
  const syncookies = params.tcp_syncookies ?? LINUX_DEFAULTS.tcp_syncookies;
  const synackRetries = params.tcp_synack_retries ?? LINUX_DEFAULTS.tcp_synack_retries;
  const synRetries = params.tcp_syn_retries ?? LINUX_DEFAULTS.tcp_syn_retries;
  const linearTimeouts = params.tcp_syn_linear_timeouts ?? LINUX_DEFAULTS.tcp_syn_linear_timeouts;
  const rttMs = params.rttMs ?? 20;
  const stepMs = params.stepMs ?? 10;
  const ticks = Math.ceil((params.durationSeconds * 1000) / stepMs);
  const acceptPerSecond = params.acceptPerSecond ?? Infinity;

  const events = new EventQueue<LabEvent>();
  let synQueue = 0;
  let youngRequests = 0;
  let acceptQueue = 0;
  let acceptCredit = 0;
  let firstLegitDropAt: number | null = null;
  let peakSynQueue = 0;
  let peakAcceptQueue = 0;
  let brokenHandshakes = 0;
  const totals = { synReceived: 0, synDropped: 0, cookiesSent: 0, handshakes: 0, accepted: 0, timeouts: 0 };
  const series = new PerSecondSeries<SynBacklogLabRow>(
    (t) => ({
      t,
      synReceived: 0,
      synDropped: 0,
      cookiesSent: 0,
      synAckRetransmits: 0,
      handshakesCompleted: 0,
      accepted: 0,
      connectTimeouts: 0,
      synQueue: 0,
      acceptQueue: 0,
    }),
    ["synQueue", "acceptQueue"],
  );

  /** reqsk_timeout(): TCP_TIMEOUT_INIT << num_timeout, capped. */
  const synAckTimeoutMs = (timeouts: number) =>
    Math.min(LINUX_CONSTANTS.TCP_TIMEOUT_INIT_MS * 2 ** timeouts, LINUX_CONSTANTS.TCP_RTO_MAX_MS);
  /** The client's SYN schedule: linear 1 s timeouts first, then doubling (tcp_retransmit_timer()). */
  const clientRetryDelayMs = (attempt: number) =>
    LINUX_CONSTANTS.TCP_TIMEOUT_INIT_MS * (attempt <= linearTimeouts + 1 ? 1 : 2 ** (attempt - linearTimeouts - 1));

  type Counters = Omit<SynBacklogLabRow, "t" | "synQueue" | "acceptQueue">;

  /** A completed handshake joins the accept queue unless it is full (sk_acceptq_is_full: ack_backlog > max). */
  const tryComplete = (row: Counters, count: number): number => {
    const done = Math.min(count, Math.max(0, maxAckBacklog + 1 - acceptQueue));
    acceptQueue += done;
    row.handshakesCompleted += done;
    return done;
  };

  /** tcp_conn_request() for `count` SYNs arriving together. */
  const handleSyns = (row: Counters, count: number, legit: boolean, attempt: number, at: number): void => {
    if (count === 0) return;
    row.synReceived += count;
    let dropped = 0;
    const cookies = syncookies === 2 || (syncookies === 1 && synQueue > maxAckBacklog);
    if (acceptQueue > maxAckBacklog) {
      dropped = count; // LISTENOVERFLOWS: even cookies are not sent
    } else if (cookies) {
      row.cookiesSent += count;
      if (legit) events.push(at + rttMs, 1, { kind: "final-ack", cohort: null, count });
    } else {
      let room = Math.max(0, maxAckBacklog + 1 - synQueue);
      // Without cookies the last quarter of tcp_max_syn_backlog is kept for peers proven alive.
      if (syncookies === 0) room = Math.min(room, Math.max(0, maxSynBacklog - (maxSynBacklog >> 2) - synQueue));
      const queued = Math.min(count, room);
      // SYNs of this batch that find the queue full: cookies with tcp_syncookies=1, dropped with 0.
      const overflow = count - queued;
      if (syncookies === 1) {
        row.cookiesSent += overflow;
        if (legit && overflow > 0) events.push(at + rttMs, 1, { kind: "final-ack", cohort: null, count: overflow });
      } else {
        dropped = overflow;
      }
      if (queued > 0) {
        const cohort: RequestCohort = { legit, count: queued, timeouts: 0, acked: false };
        synQueue += queued;
        youngRequests += queued;
        events.push(at + synAckTimeoutMs(0), 0, { kind: "syn-ack-timeout", cohort });
        if (legit) events.push(at + rttMs, 1, { kind: "final-ack", cohort, count: queued });
      }
    }
    row.synDropped += dropped;
    if (dropped > 0 && legit) {
      if (firstLegitDropAt === null) firstLegitDropAt = Math.floor(at / 1000);
      events.push(at + clientRetryDelayMs(attempt), 0, { kind: "client-retry", attempt: attempt + 1, count: dropped });
    }
  };

  const handleEvent = (row: Counters, at: number, event: LabEvent): void => {
    if (event.kind === "client-retry") {
      // The client sends 1 + tcp_syn_retries + tcp_syn_linear_timeouts SYNs, then connect() fails.
      if (event.attempt > 1 + synRetries + linearTimeouts) row.connectTimeouts += event.count;
      else handleSyns(row, event.count, true, event.attempt, at);
      return;
    }
    if (event.kind === "final-ack") {
      if (event.cohort === null) {
        brokenHandshakes += event.count - tryComplete(row, event.count);
        return;
      }
      const cohort = event.cohort;
      if (cohort.count === 0) return;
      const done = tryComplete(row, cohort.count);
      cohort.count -= done;
      synQueue -= done;
      if (cohort.timeouts === 0) youngRequests -= done;
      if (cohort.count > 0) cohort.acked = true; // ACK dropped on listen overflow; the request stays
      return;
    }
    const cohort = event.cohort;
    if (cohort.count === 0) return;
    const thresh = pruningThreshold(synQueue, youngRequests, maxAckBacklog, synackRetries);
    if (cohort.timeouts === 0) youngRequests -= cohort.count;
    if (cohort.timeouts >= thresh && (!cohort.acked || cohort.timeouts >= synackRetries)) {
      synQueue -= cohort.count;
      // A client whose ACK was dropped believes it is connected; the server forgets it.
      if (cohort.legit) brokenHandshakes += cohort.count;
      cohort.count = 0;
      return;
    }
    cohort.timeouts++;
    row.synAckRetransmits += cohort.count;
    events.push(at + synAckTimeoutMs(cohort.timeouts), 0, { kind: "syn-ack-timeout", cohort });
    // A legitimate client answers the retransmitted SYN-ACK with its ACK again.
    if (cohort.legit) events.push(at + rttMs, 1, { kind: "final-ack", cohort, count: cohort.count });
  };

  for (let tick = 0; tick < ticks; tick++) {
    const now = tick * stepMs;
    const row: Counters = { synReceived: 0, synDropped: 0, cookiesSent: 0, synAckRetransmits: 0, handshakesCompleted: 0, accepted: 0, connectTimeouts: 0 };
    for (let next = events.peek(); next !== undefined && next.at < now + stepMs; next = events.peek()) {
      events.pop();
      handleEvent(row, next.at, next.item);
    }
    handleSyns(row, arrivalsInTick(params.attackSynPerSecond ?? 0, tick, stepMs / 1000), false, 1, now);
    handleSyns(row, arrivalsInTick(params.legitConnectsPerSecond ?? 0, tick, stepMs / 1000), true, 1, now);

    acceptCredit = Math.min(acceptCredit + (acceptPerSecond * stepMs) / 1000, acceptQueue);
    const accepted = Math.min(acceptQueue, Math.floor(acceptCredit));
    acceptQueue -= accepted;
    acceptCredit -= accepted;
    row.accepted += accepted;

    totals.synReceived += row.synReceived;
    totals.synDropped += row.synDropped;
    totals.cookiesSent += row.cookiesSent;
    totals.handshakes += row.handshakesCompleted;
    totals.accepted += row.accepted;
    totals.timeouts += row.connectTimeouts;
    peakSynQueue = Math.max(peakSynQueue, synQueue);
    peakAcceptQueue = Math.max(peakAcceptQueue, acceptQueue);
    series.add(now / 1000, { ...row, synQueue, acceptQueue });
  }

  return {
    series: series.rows,
    summary: {
      maxAckBacklog,
      synQueueCapacity: maxAckBacklog + 1,
      acceptQueueCapacity: maxAckBacklog + 1,
      totalSynReceived: totals.synReceived,
      totalSynDropped: totals.synDropped,
      totalCookiesSent: totals.cookiesSent,
      totalHandshakesCompleted: totals.handshakes,
      totalAccepted: totals.accepted,
      totalConnectTimeouts: totals.timeouts,
      brokenHandshakes,
      firstLegitDropAt,
      peakSynQueue,
      peakAcceptQueue,
      notes: synLabNotes(backlog, somaxconn, syncookies, maxSynBacklog, maxAckBacklog),
    },
  };
}

/**
 * reqsk_timer_handler(): when the SYN queue is more than half full of requests that already
 * timed out once, old requests get fewer SYN-ACK retries (down to 2) to make room for young ones.
 */
export function pruningThreshold(queueLength: number, young: number, maxAckBacklog: number, synackRetries: number): number {
  let thresh = synackRetries;
  if (queueLength * 2 > Math.max(8, maxAckBacklog)) {
    let youngTwice = young * 2;
    while (thresh > 2) {
      if (queueLength < youngTwice) break;
      thresh--;
      youngTwice *= 2;
    }
  }
  return thresh;
}

function synLabNotes(backlog: number, somaxconn: number, syncookies: number, maxSynBacklog: number, maxAckBacklog: number): string[] {
  const notes: string[] = [];
  if (backlog > somaxconn) notes.push(`listen(${backlog}) is capped by somaxconn to ${somaxconn}.`);
  notes.push(
    `Both queues are limited by min(backlog, somaxconn) = ${maxAckBacklog}; tcp_max_syn_backlog (${maxSynBacklog}) only matters with tcp_syncookies=0, where its last quarter is reserved for peers proven alive.`,
  );
  if (syncookies === 2) notes.push("tcp_syncookies=2 answers every SYN with a cookie and keeps no request state.");
  if (syncookies === 0) notes.push("Without cookies, a full SYN queue drops new SYNs: legitimate clients retry after 1 s, 1 s, ... and may time out.");
  return notes;
}
