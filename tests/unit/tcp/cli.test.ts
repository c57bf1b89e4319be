/** The tcp CLI as tools call it: `npx tsx cli/tcp.ts ...`, JSON on stdout, exit code 2 for bad input. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const fixture = (path: string) => `tests/fixtures/tcp/${path}`;

/** Runs the CLI asynchronously so the tests can run side by side. */
function tcp(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "cli/tcp.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

describe.concurrent("tcp CLI", { timeout: 60_000 }, () => {
  it("simulate prints the contract's JSON object", async () => {
    const { code, stdout, stderr } = await tcp("simulate", fixture("scenarios/issue-example.json"));
    expect(stderr).not.toMatch(/Error|at .*\.ts/);
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(["segments", "transitions", "final", "errors"]);
    const segments = output.segments as Record<string, unknown>[];
    expect(Object.keys(segments[0] ?? {}).slice(0, 8)).toEqual(["t", "from", "to", "flags", "seq", "ack", "len", "dropped"]);
    expect(segments[0]).toMatchObject({ t: 0, from: "client", to: "server", flags: ["SYN"], seq: 1000, ack: null, len: 0, dropped: false });
    expect((output.transitions as unknown[])[0]).toEqual({ t: 0, host: "server", from: "CLOSED", to: "LISTEN", cause: "listen" });
  });

  it("simulate takes setsockopt, read, link and autoRead, and reports windows and probes", async () => {
    const { code, stdout, stderr } = await tcp("simulate", fixture("scenarios/socket-model.json"));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { segments: { from: string; win: number; purpose?: string }[]; final: unknown; errors: unknown[] };
    expect(output.segments.some((segment) => segment.from === "server" && segment.win === 0)).toBe(true);
    expect(output.segments.map((segment) => segment.purpose).filter(Boolean)).toEqual(
      expect.arrayContaining(["window probe", "window update", "keepalive probe"]),
    );
    expect(output.final).toEqual({ client: "CLOSED", server: "CLOSED" });
  });

  it("a sysctl the simulation does not model is refused with the reason, exit code 2", async () => {
    const { code, stderr } = await tcp("simulate", fixture("scenarios/not-simulated-sysctl.json"));
    expect(code).toBe(2);
    expect(stderr).toContain("sysctl.somaxconn: not modelled here");
    expect(stderr).toContain("tcp lab synflood");
    expect(stderr).not.toContain("tcp_keepalive_time");
  });

  it("simulate --events adds the ordered event list", async () => {
    const { code, stdout } = await tcp("simulate", fixture("scenarios/simultaneous-close.json"), "--events");
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { final: unknown; events: { kind: string }[] };
    expect(output.final).toEqual({ client: "CLOSED", server: "CLOSED" });
    expect(output.events.filter((event) => event.kind === "transition").length).toBeGreaterThan(8);
  });

  it("lab timewait prints a per-second series and a summary", async () => {
    const { code, stdout } = await tcp("lab", "timewait", fixture("labs/timewait-exhaustion.json"));
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { series: unknown[]; summary: { firstFailureAt: number } };
    expect(output.series).toHaveLength(90);
    expect(output.summary.firstFailureAt).toBeCloseTo(28232 / 500, 6);
  });

  it("lab synflood prints a per-second series and a summary", async () => {
    const { code, stdout } = await tcp("lab", "synflood", fixture("labs/synflood-cookies.json"));
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { series: unknown[]; summary: { totalSynDropped: number } };
    expect(output.series).toHaveLength(10);
    expect(output.summary.totalSynDropped).toBe(0);
  });

  it("a missing file: message on stderr, exit code 2, no stack trace", async () => {
    const { code, stdout, stderr } = await tcp("simulate", fixture("scenarios/does-not-exist.json"));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("does-not-exist.json: no such file");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("invalid JSON: exit code 2", async () => {
    const { code, stderr } = await tcp("simulate", fixture("scenarios/truncated.json"));
    expect(code).toBe(2);
    expect(stderr).toContain("invalid JSON");
  });

  it("schema violations: every offending field named, exit code 2", async () => {
    const { code, stderr } = await tcp("simulate", fixture("scenarios/invalid-schema.json"));
    expect(code).toBe(2);
    expect(stderr).toContain("actions.1.bytes");
    expect(stderr).toContain("sysctl.tcp_tw_reuse");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("lab input is validated too", async () => {
    const { code, stderr } = await tcp("lab", "timewait", fixture("scenarios/issue-example.json"));
    expect(code).toBe(2);
    expect(stderr).toContain("requestsPerSecond");
  });

  it("unknown commands and labs: usage on stderr, exit code 2", async () => {
    expect((await tcp("frobnicate")).code).toBe(2);
    const lab = await tcp("lab", "nosuchlab", fixture("labs/synflood-cookies.json"));
    expect(lab.code).toBe(2);
    expect(lab.stderr).toContain("timewait or synflood");
  });

  it("pcap is handed to the capture reader", async () => {
    const { code, stdout } = await tcp("pcap", fixture("captures/refused.pcap"));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveProperty("connections");
  });
});
