import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { chartRows, LabCharts, type LabChart } from "@/components/simulator/lab-charts";
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

  it("a declared lab chart is drawn over the run's seconds, empty until there is a result", () => {
    expect(chartRows(null, 120)).toEqual({ seconds: [0, 120], rows: [] });
    const rows = [
      { t: 0, open: 1, closed: 0 },
      { t: 1, open: 3, closed: 2 },
    ];
    expect(chartRows(rows, 120)).toEqual({ seconds: [0, 1], rows });
  });

  it("draws each declared chart with the summary's sentence, and the marker only where asked", () => {
    const rows = [
      { t: 0, open: 1, closed: 0 },
      { t: 1, open: 3, closed: 2 },
    ];
    const charts: LabChart<(typeof rows)[number], { peak: number }>[] = [
      { title: "Open", describe: (s) => `Peak ${s.peak}`, yLabel: "sockets", marked: true, series: [{ name: "Open", colour: "red", value: "open" }] },
      { title: "Closed", describe: () => "Closed ones", yLabel: "sockets", series: [{ name: "Closed", colour: "blue", value: "closed", area: true }] },
    ];
    const marker = (summary: { peak: number }) => ({ at: 1, label: `peak ${summary.peak}` });
    const running = renderToStaticMarkup(<LabCharts charts={charts} result={null} durationSeconds={60} marker={marker} running="Running" />);
    expect(count(running, /<figure/g)).toBe(2);
    expect(count(running, /aria-label="(Open|Closed)\. Running"/g)).toBe(2);
    expect(running).not.toContain("peak 3");

    const html = renderToStaticMarkup(<LabCharts charts={charts} result={{ series: rows, summary: { peak: 3 } }} durationSeconds={60} marker={marker} running="Running" />);
    expect(html).toContain('aria-label="Open. Peak 3"');
    expect(html).toContain('aria-label="Closed. Closed ones"');
    // The marker stands on the first chart only; the second fills the area under its line.
    expect(count(html, />peak 3</g)).toBe(1);
    expect(count(html, /fill-opacity="0.15"/g)).toBe(1);
    expect(count(html, /<path/g)).toBe(3);
  });
});
