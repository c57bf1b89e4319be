import type { ComponentProps, ReactNode } from "react";
import { quizWords } from "@/lib/i18n/words/quiz";
import { onDemandWords } from "@/lib/i18n/words/on-demand";
import { simulatorWords, type SimulatorWords } from "@/lib/i18n/words/simulator";
import * as quiz from "../quiz/lazy";
import type { Quiz as QuizComponent } from "../quiz/quiz";
import * as simulators from "../simulator/lazy";
import type { CaptureViewerProps } from "../simulator/capture-viewer";
import type { HandshakeSimulatorProps } from "../simulator/handshake-simulator";
import type { SimulatorChallengeProps } from "../simulator/simulator-challenge";
import type { SynBacklogLabProps } from "../simulator/syn-backlog-lab";
import type { TimeWaitLabProps } from "../simulator/time-wait-lab";
import { Alert } from "../ui/alert";
import type { Locale } from "@/domain/locale";

/**
 * The lessons' interactive parts, each loaded when the reader approaches it (ADR 0950). These
 * server components give each one what it shows in its place when the page was not rendered on
 * the server (a client navigation) and if its code cannot be loaded, in the lesson's language:
 * rendered here, they cost the browser no code.
 */

type QuizProps = ComponentProps<typeof QuizComponent>;
type What = Parameters<SimulatorWords["loading"]>[0];

function Placeholder({ text, minHeight }: { text: string; minHeight: string }) {
  return (
    <div
      className="not-prose my-8 flex items-center justify-center rounded-xl border border-dashed border-border bg-bg-sunken text-sm text-fg-muted"
      style={{ minHeight }}
    >
      {text}
    </div>
  );
}

function LoadFailed({ locale }: { locale: Locale }) {
  return (
    <div className="not-prose my-8">
      <Alert tone="danger">{onDemandWords(locale).failed}</Alert>
    </div>
  );
}

function simulatorPart(what: What, minHeight: string) {
  return (locale: Locale = "en") => ({
    placeholder: <Placeholder text={simulatorWords(locale).loading(what)} minHeight={minHeight} />,
    loadFailed: <LoadFailed locale={locale} />,
  });
}

const around = {
  simulator: simulatorPart("simulator", "600px"),
  challenge: simulatorPart("challenge", "700px"),
  timeWaitLab: simulatorPart("TIME-WAIT lab", "900px"),
  synBacklogLab: simulatorPart("SYN backlog lab", "900px"),
  captureViewer: simulatorPart("capture viewer", "400px"),
};

export type PartSurroundings = { placeholder: ReactNode; loadFailed: ReactNode };
export type SimulatorPartSurroundings = Record<keyof typeof around, PartSurroundings>;

/** What each simulator part shows while its code loads or if it cannot, for a client component that places them itself (the playground). */
export function simulatorPartSurroundings(locale: Locale): SimulatorPartSurroundings {
  return {
    simulator: around.simulator(locale),
    challenge: around.challenge(locale),
    timeWaitLab: around.timeWaitLab(locale),
    synBacklogLab: around.synBacklogLab(locale),
    captureViewer: around.captureViewer(locale),
  };
}

export function HandshakeSimulator(props: HandshakeSimulatorProps): ReactNode {
  return <simulators.HandshakeSimulator {...props} {...around.simulator(props.locale)} />;
}

export function SimulatorChallenge(props: SimulatorChallengeProps): ReactNode {
  return <simulators.SimulatorChallenge {...props} {...around.challenge(props.locale)} />;
}

export function TimeWaitLab(props: TimeWaitLabProps): ReactNode {
  return <simulators.TimeWaitLab {...props} {...around.timeWaitLab(props.locale)} />;
}

export function SynBacklogLab(props: SynBacklogLabProps): ReactNode {
  return <simulators.SynBacklogLab {...props} {...around.synBacklogLab(props.locale)} />;
}

export function CaptureViewer(props: CaptureViewerProps): ReactNode {
  return <simulators.CaptureViewer {...props} {...around.captureViewer(props.locale)} />;
}

export function Quiz(props: QuizProps): ReactNode {
  const words = quizWords(props.locale ?? "en");
  return (
    <quiz.Quiz
      {...props}
      // The quiz's own look while it loads its questions (components/quiz/quiz.tsx), room included.
      placeholder={
        // Its id too: an assignment's link (…#quiz-<id>) scrolls to it, and it loads once in view.
        <section id={`quiz-${props.id}`} className="not-prose my-10 min-h-[26rem] rounded-xl border border-border bg-bg-elevated p-4 shadow-sm sm:p-6">
          <h2 className="mt-0! text-lg! font-semibold">{words.heading}</h2>
          <p role="status" className="mt-2 text-fg-muted">
            {words.loading}
          </p>
        </section>
      }
      loadFailed={<LoadFailed locale={props.locale ?? "en"} />}
    />
  );
}
