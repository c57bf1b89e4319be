import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LineChart } from "@/components/simulator/line-chart";
import { SynBacklogLab } from "@/components/simulator/syn-backlog-lab";
import { TimeWaitLab } from "@/components/simulator/time-wait-lab";

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

describe("charts before their data arrives", () => {
  it("draws the frame and axis over the run's seconds, with no lines and no invented values", () => {
    const html = renderToStaticMarkup(
      <LineChart title="Sockets" description="Computing" seconds={[0, 120]} yLabel="sockets" series={[{ name: "Client", colour: "red", values: [] }]} />,
    );
    expect(count(html, /<path/g)).toBe(0);
    expect(html).toContain(">120 s<");
    // Only the zero line is labelled: no scale is made up for data that is not there.
    expect(count(html, /text-anchor="end"[^>]*>[^<]+</g)).toBe(1);
  });

  it("draws the lines and a labelled scale once there are values", () => {
    const html = renderToStaticMarkup(
      <LineChart title="Sockets" description="Peak 40" seconds={[0, 1, 2]} yLabel="sockets" series={[{ name: "Client", colour: "red", values: [0, 20, 40] }]} />,
    );
    expect(count(html, /<path/g)).toBe(1);
    expect(count(html, /text-anchor="end"[^>]*>[^<]+</g)).toBeGreaterThan(1);
  });

  // Rendered without a worker (as on the server), a lab has no result yet: its charts must already
  // be there, empty, so the lab keeps its size when the result arrives.
  it.each([
    ["TIME-WAIT lab", TimeWaitLab],
    ["SYN backlog lab", SynBacklogLab],
  ] as const)("the %s shows its three charts while it computes", (_name, Lab) => {
    const html = renderToStaticMarkup(<Lab />);
    expect(html).toContain("Running the lab…");
    expect(count(html, /<figure/g)).toBe(3);
    expect(count(html, /<path/g)).toBe(0);
  });
});
