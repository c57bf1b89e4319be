import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeCapture, type CaptureConnection } from "@/domain/tcp/pcap";
import {
  FIXTURE_DIR,
  fixtureBytes,
  fixtureJson,
  manifest,
  type ExpectedConnection,
  type KernelObservation,
  type Scenario,
} from "./helpers/fixtures";

/**
 * Real captures of Linux TCP on loopback (scripts/record-captures.sh) and the same packets in
 * other containers and link types. Expected readings come from tshark, not from this reader;
 * state paths come from the scenario, checked below against the kernel's own `ss` view.
 */
describe("capture fixtures read as tshark reads them", () => {
  it.each(manifest())("$file: $description", ({ file, parts }) => {
    const analysis = analyzeCapture(fixtureBytes(file));
    const untimed = parts.some((part) => !part.compareTimes);
    expect(analysis.warnings.map((w) => w.message.replace(/ at byte \d+/, ""))).toEqual(
      untimed ? ["packets without timestamps (pcapng simple packet blocks): they get the previous packet's time"] : [],
    );

    const expected: { connection: ExpectedConnection; compareTimes: boolean; frameOffset: number }[] = [];
    let frameOffset = 0;
    for (const part of parts) {
      const connections = fixtureJson<{ connections: ExpectedConnection[] }>(part.expected).connections;
      for (const connection of connections) expected.push({ connection, compareTimes: part.compareTimes, frameOffset });
      frameOffset += connections.reduce((sum, c) => sum + c.segments.length, 0);
    }
    expect(analysis.connections).toHaveLength(expected.length);
    expected.forEach(({ connection: want, compareTimes, frameOffset: offset }, index) => {
      const got = analysis.connections[index] as CaptureConnection;
      expect({ client: got.client, server: got.server, roleBasis: got.roleBasis, isn: got.isn, states: got.states }).toEqual({
        client: want.client,
        server: want.server,
        roleBasis: want.roleBasis,
        isn: want.isn,
        states: want.states,
      });
      if (compareTimes) expect(got.start).toBe(want.start);
      expect(got.segments).toHaveLength(want.segments.length);
      got.segments.forEach((segment, i) => {
        const { t, frame, ...rest } = want.segments[i] as ExpectedConnection["segments"][number];
        const { t: gotT, frame: gotFrame, ...gotRest } = segment;
        expect(gotRest, `segment ${i} (frame ${gotFrame})`).toEqual(rest);
        expect(gotFrame).toBe(frame + offset);
        if (compareTimes) expect(gotT).toBeCloseTo(t, 6);
      });
    });
  });
});

describe("the scenarios' state paths agree with the kernel", () => {
  const scenarios = readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith(".scenario.json"))
    .map((name) => fixtureJson<Scenario>(name))
    .filter((scenario) => scenario.kernelObservations !== undefined && scenario.connections.length === 1);

  it.each(scenarios)("$name: every state ss saw is on the path, in order", (scenario) => {
    const states = scenario.connections[0]?.states;
    const observations = scenario.kernelObservations as KernelObservation[];
    expect(states).toBeDefined();
    expect(isSubsequence(kernelPath(observations, "client"), states?.client ?? [])).toBe(true);
    expect(isSubsequence(kernelPath(observations, "server"), states?.server ?? [])).toBe(true);
  });
});

describe("initial sequence numbers agree with tcpdump's own reading", () => {
  const recorded = manifest().filter((entry) => entry.parts.length === 1 && entry.parts[0]?.expected === entry.file.replace(/\.pcap(ng)?$/, ".expected.json"));

  it.each(recorded)("$file", ({ file }) => {
    const text = readFileSync(FIXTURE_DIR + file.replace(/\.pcap(ng)?$/, ".tcpdump.txt"), "utf8");
    const first = analyzeCapture(fixtureBytes(file)).connections[0] as CaptureConnection;
    expect(first.isn.client).toBe(seqOfFirst(text, "[S]"));
    expect(first.isn.server).toBe(seqOfFirst(text, "[S.]"));
  });
});

/** The endpoint's states as ss reported them; no socket is CLOSED, or the listener before the server socket exists. */
function kernelPath(observations: KernelObservation[], role: "client" | "server"): string[] {
  const path: string[] = [];
  let socketSeen = false;
  for (const observation of observations) {
    const socketState = observation[role];
    if (socketState !== null) socketSeen = true;
    const state = socketState ?? (role === "server" && !socketSeen ? observation.listener : null) ?? "CLOSED";
    if (path[path.length - 1] !== state) path.push(state);
  }
  return path;
}

function isSubsequence(needle: string[], haystack: string[]): boolean {
  let at = 0;
  for (const item of haystack) if (item === needle[at]) at++;
  return at === needle.length;
}

function seqOfFirst(tcpdumpText: string, flags: "[S]" | "[S.]"): number | null {
  const line = tcpdumpText.split("\n").find((l) => l.includes(`Flags ${flags},`));
  const match = line?.match(/ seq (\d+)/);
  return match ? Number(match[1]) : null;
}
