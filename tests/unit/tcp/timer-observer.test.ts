/** The simulation tells an observer about every timer it arms, and the run stays the same. */
import { describe, expect, it } from "vitest";
import { createSimulation, outputOf, resultOf, runScenario, type ArmedTimer } from "@/domain/tcp";
import { call, OPEN, scenario } from "./helpers";

describe("onTimerArmed", () => {
  const input = scenario([...OPEN, call(100, "client", "close"), call(300, "server", "close")]);

  it("reports each timer with when it was armed and when it expires", () => {
    const armed: ArmedTimer[] = [];
    const simulation = createSimulation(input, { onTimerArmed: (timer) => armed.push(timer) });
    simulation.runToQuiescence(3_600_000);
    // The SYN's retransmission timer: armed at connect(), TCP_TIMEOUT_INIT later.
    expect(armed[0]).toEqual({ host: "client", kind: "retransmit", at: 0, due: 1000 });
    // TIME-WAIT: armed when the client's ACK of the server's FIN goes out, 60 s.
    expect(armed.find((timer) => timer.kind === "time-wait")).toEqual({ host: "client", kind: "time-wait", at: 310, due: 60_310 });
    const fired = simulation.events.filter((event) => event.kind === "timer");
    for (const event of fired) {
      expect(armed.some((timer) => event.kind === "timer" && timer.host === event.host && timer.kind === event.timer && timer.due === event.t)).toBe(true);
    }
  });

  it("changes nothing in the run", () => {
    const observed = createSimulation(input, { onTimerArmed: () => undefined });
    observed.runToQuiescence(3_600_000);
    expect(outputOf(resultOf(observed))).toEqual(outputOf(runScenario(input)));
  });
});
