import type { ComponentType } from "react";
import { CaptureViewer, HandshakeSimulator, Quiz, SimulatorChallenge, SynBacklogLab, TimeWaitLab } from "../lesson/on-demand-parts";
import { Callout } from "./callout";
import { LadderDiagram } from "./diagrams/ladder-diagram";
import { PortBudgetDiagram } from "./diagrams/port-budget-diagram";
import { TcpStateDiagram } from "./diagrams/tcp-state-diagram";
import { Fact } from "./fact";
import { MdxLink } from "./mdx-link";
import { Original } from "./original";
import { LinuxDoes, RfcSays, RfcVsLinux } from "./rfc-vs-linux";
import { TcpHeaderDiagram } from "./tcp-header-diagram";
import { Term } from "./term";

/**
 * Everything a lesson may use, in one typed map. Interactive components must be listed here
 * (through components/lesson/on-demand-parts.tsx, which loads their code when the reader comes
 * near them), not imported by the MDX file, so Next ships and hydrates them.
 */
export const lessonComponents = {
  a: MdxLink,
  Callout,
  RfcVsLinux,
  RfcSays,
  LinuxDoes,
  Fact,
  Original,
  TcpHeaderDiagram,
  TcpStateDiagram,
  LadderDiagram,
  PortBudgetDiagram,
  Quiz,
  Term,
  HandshakeSimulator,
  SimulatorChallenge,
  TimeWaitLab,
  SynBacklogLab,
  CaptureViewer,
} satisfies Record<string, ComponentType<never>>;
