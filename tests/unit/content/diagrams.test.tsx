import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LadderDiagram, layoutLadder } from "@/components/mdx/diagrams/ladder-diagram";
import { PortBudgetDiagram } from "@/components/mdx/diagrams/port-budget-diagram";
import { portBudget } from "@/components/mdx/diagrams/port-budget";
import { STATE_EDGES, STATE_NODES, describeEdge } from "@/components/mdx/diagrams/state-diagram-model";
import { TcpStateDiagram } from "@/components/mdx/diagrams/tcp-state-diagram";
import { LINUX_CONSTANTS, LINUX_DEFAULTS } from "@/domain/tcp/profiles";
import { TCP_STATES } from "@/domain/tcp/types";

describe("port budget arithmetic", () => {
  it("uses the engine's Linux defaults: 32768-60999 and a 60 s TIME-WAIT", () => {
    const budget = portBudget();
    expect(budget.ports).toBe(LINUX_DEFAULTS.ip_local_port_range[1] - LINUX_DEFAULTS.ip_local_port_range[0] + 1);
    expect(budget.ports).toBe(28232);
    expect(budget.timeWaitSeconds).toBe(LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS / 1000);
    expect(budget.perSecond).toBe(470);
  });

  it("scales with the number of destinations and rounds down", () => {
    expect(portBudget([32768, 60999], 60_000, 2)).toMatchObject({ tuples: 56464, perSecond: 941 });
    expect(portBudget([10000, 65000], 60_000)).toMatchObject({ ports: 55001, perSecond: 916 });
  });

  it("rejects impossible input", () => {
    expect(() => portBudget([5000, 4000])).toThrow(RangeError);
    expect(() => portBudget([1, 70000])).toThrow(RangeError);
    expect(() => portBudget([32768, 60999], 0)).toThrow(RangeError);
    expect(() => portBudget([32768, 60999], 60_000, 0)).toThrow(RangeError);
  });

  it("renders the arithmetic as text", () => {
    const html = renderToStaticMarkup(createElement(PortBudgetDiagram, {}));
    expect(html).toContain('role="img"');
    expect(html).toContain("28,232");
    expect(html).toContain("470");
    expect(html).toContain("32768–60999");
  });
});

describe("state diagram", () => {
  it("draws every RFC 9293 state and only connects drawn nodes", () => {
    expect(new Set(STATE_NODES.map((node) => node.state))).toEqual(new Set(TCP_STATES));
    const ids = new Set(STATE_NODES.map((node) => node.id));
    for (const edge of STATE_EDGES) {
      expect(ids.has(edge.from)).toBe(true);
      expect(ids.has(edge.to)).toBe(true);
      expect(edge.points.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("describes every transition in text and marks the highlighted states", () => {
    const html = renderToStaticMarkup(createElement(TcpStateDiagram, { highlight: ["TIME-WAIT"] }));
    expect(html).toContain('role="img"');
    expect(html).toContain("Highlighted: TIME-WAIT.");
    for (const edge of STATE_EDGES) expect(html).toContain(describeEdge(edge).replace(/>/g, "&gt;"));
    expect(html).not.toMatch(/url\(#[^)]*[:«»]/);
  });
});

describe("ladder diagram", () => {
  it("leaves room for pauses and describes each segment", () => {
    const steps = [
      { from: "left" as const, flags: "SYN", detail: "seq=x", leftState: "SYN-SENT" },
      { from: "right" as const, flags: "SYN+ACK", rightState: "SYN-RECEIVED", pause: "later" },
      { from: "left" as const, flags: "ACK", lost: true },
      { from: "right" as const, flags: "data", delayed: true },
    ];
    const { placed } = layoutLadder(steps);
    expect(placed[1]!.y - placed[0]!.y).toBeGreaterThan(placed[2]!.y - placed[1]!.y);
    const html = renderToStaticMarkup(createElement(LadderDiagram, { steps, leftStart: "CLOSED", rightStart: "LISTEN" }));
    expect(html).toContain("Client sends SYN (seq=x) to Server. Client is now in SYN-SENT.");
    expect(html).toContain("Client sends ACK to Server, which is lost.");
    expect(html).toContain("Server starts in LISTEN.");
    expect(html).toContain("Server sends data to Client, which is delayed in the network.");
  });

  it("starts concurrent (crossing) segments at the same moment", () => {
    const { placed, height } = layoutLadder([
      { from: "left", flags: "FIN" },
      { from: "right", flags: "FIN", concurrent: true },
      { from: "left", flags: "ACK" },
    ]);
    expect(placed[1]!.y).toBe(placed[0]!.y);
    expect(placed[0]!.crossing && placed[1]!.crossing).toBe(true);
    expect(placed[2]!.crossing).toBeUndefined();
    expect(height).toBeLessThan(layoutLadder([{ from: "left", flags: "FIN" }, { from: "right", flags: "FIN" }, { from: "left", flags: "ACK" }]).height);
  });
});
