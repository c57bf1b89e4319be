/** Public API of the TCP engine. Pure TypeScript: runs in the browser and in Node. */
export * from "./types";
export {
  LINUX_CONSTANTS,
  LINUX_DEFAULTS,
  RFC9293_DEFAULTS,
  linuxParams,
  rfc9293Params,
  linuxModelTimeout,
  linuxOrphanRetries,
  type EngineParams,
  type LinuxSysctls,
  type Rfc9293Params,
  type ProfileOptions,
} from "./profiles";
export {
  Simulation,
  DEFAULT_MAX_EVENTS,
  type Action,
  type HostAction,
  type DropAction,
  type LinkAction,
  type SimulationOptions,
  type ArmedTimer,
  type SimulationSnapshot,
  type EndpointSnapshot,
} from "./simulation";
export {
  runScenario,
  createSimulation,
  autoReadOf,
  resultOf,
  outputOf,
  paramsFor,
  SCENARIO_DEFAULTS,
  type ScenarioInput,
  type ScenarioOutput,
  type ScenarioResult,
} from "./scenario";
export type { DropRule, ReorderSpec } from "./network";
export { withRelativeNumbers, relativeTo, type RelativeNumbers } from "./relative";
export { createNarrator, segmentName, optionValueText, type NarrationOptions } from "./narrate";
export { defaultSocketOptions, type SocketOptions } from "./engine/endpoint";
export { TRANSITION_TABLE, findTransitionRow, type TransitionRow } from "./transition-table";
export { mulberry32, type Random } from "./prng";
export { seqAdd, seqDiff, seqLt, seqLeq, seqGt, seqGeq } from "./seq";
export { wheelExpiryMs } from "./timer-wheel";
export {
  runTimeWaitLab,
  type TimeWaitLabParams,
  type TimeWaitLabResult,
  type TimeWaitLabRow,
  type TimeWaitLabSummary,
} from "./labs/time-wait-lab";
export {
  runSynBacklogLab,
  pruningThreshold,
  type SynBacklogLabParams,
  type SynBacklogLabResult,
  type SynBacklogLabRow,
  type SynBacklogLabSummary,
} from "./labs/syn-backlog-lab";
export {
  scenarioSchema,
  actionSchema,
  linuxSysctlSchema,
  rfc9293ParamsSchema,
  timeWaitLabSchema,
  synBacklogLabSchema,
  parseScenario,
  parseTimeWaitLab,
  parseSynBacklogLab,
  formatIssues,
  LINUX_SYSCTLS_NOT_SIMULATED,
  type ParseResult,
} from "./schemas";
