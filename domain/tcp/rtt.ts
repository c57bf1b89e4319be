/**
 * Retransmission-timeout estimators. Both keep SRTT and a variance term from RTT samples; they
 * differ in how the minimum RTO enters the formula, which is what learners see in captures.
 */
import type { EngineParams } from "./profiles";

export interface RttState {
  srttMs: number | null;
  /** RFC 6298 RTTVAR, or Linux's mdev (about four mean deviations). */
  varianceMs: number | null;
  rtoMs: number;
}

export interface RttEstimator {
  sample(rttMs: number): void;
  state(): RttState;
  /** state().srttMs and state().rtoMs without building the state (read on every ACK). */
  srttMs(): number | null;
  rtoMs(): number;
}

/**
 * RFC 6298 section 2: SRTT/RTTVAR with alpha 1/8, beta 1/4, RTO = SRTT + max(G, 4*RTTVAR),
 * then clamped to [minRto, maxRto]. G (clock granularity) is 1 ms here.
 */
export class Rfc6298Estimator implements RttEstimator {
  private srtt: number | null = null;
  private rttvar: number | null = null;
  private rto: number;

  constructor(private readonly params: EngineParams) {
    this.rto = params.initialRtoMs;
  }

  sample(rttMs: number): void {
    if (this.srtt === null || this.rttvar === null) {
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);
      this.srtt = 0.875 * this.srtt + 0.125 * rttMs;
    }
    const granularityMs = 1;
    this.rto = clamp(this.srtt + Math.max(granularityMs, 4 * this.rttvar), this.params.minRtoMs, this.params.maxRtoMs);
  }

  state(): RttState {
    return { srttMs: this.srtt, varianceMs: this.rttvar, rtoMs: this.rto };
  }

  srttMs(): number | null {
    return this.srtt;
  }

  rtoMs(): number {
    return this.rto;
  }
}

/**
 * tcp_rtt_estimator() + __tcp_set_rto() (net/ipv4/tcp_input.c): RTO = SRTT + max(mdev, rto_min).
 * Unlike RFC 6298 the minimum is added to SRTT rather than clamping the sum, so on loopback
 * RTO is 200 ms plus a few microseconds. The per-RTT decay of rttvar is left out.
 */
export class LinuxRttEstimator implements RttEstimator {
  private srtt: number | null = null;
  private mdev = 0;
  private rto: number;

  constructor(private readonly params: EngineParams) {
    this.rto = params.initialRtoMs;
  }

  sample(rttMs: number): void {
    if (this.srtt === null) {
      this.srtt = rttMs;
      this.mdev = 2 * rttMs; // "make sure rto = 3*rtt"
    } else {
      let error = rttMs - this.srtt;
      this.srtt += error / 8;
      if (error < 0) {
        error = -error - this.mdev / 4;
        if (error > 0) error /= 8; // a falling RTT must not inflate mdev much
      } else {
        error -= this.mdev / 4;
      }
      this.mdev += error;
    }
    const rttvar = Math.max(this.mdev, this.params.minRtoMs);
    this.rto = Math.min(this.srtt + rttvar, this.params.maxRtoMs);
  }

  state(): RttState {
    return { srttMs: this.srtt, varianceMs: this.srtt === null ? null : this.mdev, rtoMs: this.rto };
  }

  srttMs(): number | null {
    return this.srtt;
  }

  rtoMs(): number {
    return this.rto;
  }
}

export function createRttEstimator(params: EngineParams): RttEstimator {
  return params.profile === "linux" ? new LinuxRttEstimator(params) : new Rfc6298Estimator(params);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
