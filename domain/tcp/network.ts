/**
 * The path between the two hosts: fixed one-way latency plus loss, duplication, reordering and
 * explicit drops, all decided from the seeded PRNG. Every segment draws the same four numbers
 * whether or not a feature is on, so changing one knob does not reshuffle the others.
 */
import type { Random } from "./prng";
import type { DropReason, HostId } from "./types";

export interface DropRule {
  from: HostId;
  /** k-th segment sent by `from` (1-based, retransmissions counted); a number or a list. */
  nth: number | number[];
}

export type ReorderSpec =
  /** Each segment gets an extra delay drawn uniformly from [0, jitterMs). */
  | { jitterMs: number }
  /** Named segments are held back by `extraMs`, so later ones overtake them. */
  | { delays: { from: HostId; nth: number; extraMs: number }[] };

export interface NetworkOptions {
  latencyMs: number;
  lossProbability: number;
  duplicateProbability: number;
  reorder?: ReorderSpec;
  drop: DropRule[];
}

export interface Route {
  drop: DropReason | null;
  arriveAt: number;
  /** Arrival of the network's extra copy, or null. */
  duplicateArriveAt: number | null;
}

/** A duplicate trails its original by this much plus its own jitter. */
const DUPLICATE_GAP_MS = 1;

export class Network {
  private readonly dropSets: Record<HostId, Set<number>> = { client: new Set(), server: new Set() };

  constructor(
    private readonly options: NetworkOptions,
    private readonly random: Random,
  ) {
    for (const rule of options.drop) {
      for (const nth of Array.isArray(rule.nth) ? rule.nth : [rule.nth]) this.dropSets[rule.from].add(nth);
    }
  }

  /** Filled in by route() and returned by it: one object per network, not per segment (valid until the next call). */
  private readonly decided: Route = { drop: null, arriveAt: 0, duplicateArriveAt: null };

  route(from: HostId, nth: number, sentAt: number): Route {
    const lossDraw = this.random();
    const duplicateDraw = this.random();
    const jitterDraw = this.random();
    const duplicateJitterDraw = this.random();
    const arriveAt = sentAt + this.options.latencyMs + this.extraDelay(from, nth, jitterDraw);
    let drop: DropReason | null = null;
    // Chosen by a comparison, not this.dropSets[from]: a read by a varying name is V8's slowest (hot path).
    const dropSet = from === "client" ? this.dropSets.client : this.dropSets.server;
    if (dropSet.size > 0 && dropSet.has(nth)) drop = "rule";
    else if (lossDraw < this.options.lossProbability) drop = "loss";
    const duplicated = drop === null && duplicateDraw < this.options.duplicateProbability;
    const route = this.decided;
    route.drop = drop;
    route.arriveAt = arriveAt;
    route.duplicateArriveAt = duplicated ? arriveAt + DUPLICATE_GAP_MS + this.jitter(duplicateJitterDraw) : null;
    return route;
  }

  private extraDelay(from: HostId, nth: number, draw: number): number {
    const reorder = this.options.reorder;
    if (reorder === undefined) return 0;
    if ("jitterMs" in reorder) return this.jitter(draw);
    return reorder.delays.find((delay) => delay.from === from && delay.nth === nth)?.extraMs ?? 0;
  }

  private jitter(draw: number): number {
    const reorder = this.options.reorder;
    return reorder !== undefined && "jitterMs" in reorder ? Math.floor(draw * reorder.jitterMs) : 0;
  }
}
