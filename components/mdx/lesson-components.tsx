import type { ComponentType } from "react";
import { Quiz } from "../quiz/quiz";
import { CaptureViewer, HandshakeSimulator, SimulatorChallenge, SynBacklogLab, TimeWaitLab } from "../simulator/lazy";
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
 * (from "use client" modules), not imported by the MDX file, so Next ships and hydrates them.
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

export type LessonComponentName = keyof typeof lessonComponents;
