import { useId } from "react";
import { ArrowHead } from "@/components/ui/arrow-head";
import { diagramWords, type DiagramWords } from "@/lib/i18n/words/diagrams";
import type { Locale } from "@/domain/locale";
import { DiagramScrollRegion } from "./scroll-region";

export type LadderSide = "left" | "right";

export type LadderStep = {
  /** Which host sends this segment. */
  from: LadderSide;
  /** Flags as printed, e.g. "SYN", "SYN+ACK", "FIN+ACK", "ACK", "RST", or "data". */
  flags: string;
  /** Numbers carried, e.g. "seq=x ack=y+1". */
  detail?: string;
  /** The segment never arrives. */
  lost?: boolean;
  /** The segment is held up in the network (drawn half-way; a later step shows it arriving). */
  delayed?: boolean;
  /** State the left host is in after this step (after sending, or after the segment arrives). */
  leftState?: string;
  rightState?: string;
  /** Time passing before this step, shown as a note between the two hosts. */
  pause?: string;
  /** Sent at the same moment as the previous step (the two segments cross). */
  concurrent?: boolean;
};

const WIDTH = 420;
const LEFT = 112;
const RIGHT = 308;
const TOP = 78;
const ROW = 66;
const TRAVEL = 42;
const PAUSE = 34;

/** "var(--syn)" → "syn": names the arrowhead marker of that colour. */
function tokenOf(colour: string): string {
  return colour.slice(6, -1);
}

function flagColour(flags: string): string {
  const first = flags.trim().toUpperCase();
  if (first.startsWith("SYN")) return "var(--syn)";
  if (first.startsWith("FIN")) return "var(--fin)";
  if (first.startsWith("RST")) return "var(--rst)";
  if (first.startsWith("DATA")) return "var(--fg)";
  return "var(--ack)";
}

type Placed = LadderStep & { y: number; pauseY?: number; crossing?: boolean };

/** Lays the steps out top to bottom; exported for tests. */
export function layoutLadder(steps: readonly LadderStep[]): { placed: Placed[]; height: number } {
  let y = TOP;
  const placed: Placed[] = [];
  for (const step of steps) {
    const previous = placed[placed.length - 1];
    if (step.concurrent && previous) {
      // Crossing segments share a start time; both labels move towards their senders.
      previous.crossing = true;
      placed.push({ ...step, y: previous.y, crossing: true });
      continue;
    }
    let pauseY: number | undefined;
    if (step.pause) {
      pauseY = y + 6;
      y += PAUSE;
    }
    placed.push({ ...step, y, pauseY });
    y += ROW;
  }
  return { placed, height: y + 10 };
}

function sentence(step: LadderStep, left: string, right: string, words: DiagramWords["ladder"], separator: string): string {
  const sender = step.from === "left" ? left : right;
  const receiver = step.from === "left" ? right : left;
  const parts = [
    step.pause ? words.pause(step.pause) : "",
    step.concurrent ? words.sameMoment : "",
    words.sends(sender, step.flags, step.detail, receiver, Boolean(step.lost), Boolean(step.delayed)),
    step.leftState ? words.nowIn(left, step.leftState) : "",
    step.rightState ? words.nowIn(right, step.rightState) : "",
  ];
  return parts.filter(Boolean).join(separator);
}

/**
 * A ladder (sequence) diagram of segments between two hosts, with each host's state beside its
 * time line. Static: for live behaviour lessons embed the simulator. `locale` (set by the lesson
 * page) gives the default host names, the "(lost)" marks and the text alternative its language.
 */
export function LadderDiagram({
  steps,
  left: leftName,
  right: rightName,
  leftStart,
  rightStart,
  caption,
  title,
  locale = "en",
}: {
  steps: LadderStep[];
  left?: string;
  right?: string;
  leftStart?: string;
  rightStart?: string;
  caption?: string;
  title?: string;
  locale?: Locale;
}) {
  const words = diagramWords(locale).ladder;
  const left = leftName ?? words.client;
  const right = rightName ?? words.server;
  const separator = locale === "en" ? " " : "";
  const id = `ladder-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const { placed, height } = layoutLadder(steps);
  const angle = (Math.atan2(TRAVEL, RIGHT - LEFT) * 180) / Math.PI;
  const start = [leftStart ? words.starts(left, leftStart) : "", rightStart ? words.starts(right, rightStart) : ""].filter(Boolean).join(separator);
  const description = [start, ...steps.map((step) => sentence(step, left, right, words, separator))].filter(Boolean).join(separator);
  // Arrowheads only for the colours drawn with one (segments that stop half-way have none).
  const markerTokens = [...new Set(placed.filter((step) => !step.lost && !step.delayed).map((step) => tokenOf(flagColour(step.flags))))];

  return (
    <figure className="not-prose my-8">
      <DiagramScrollRegion label={diagramWords(locale).scroll.ladder(title ?? caption ?? words.title(left, right))}>
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${WIDTH} ${height}`}
          className="mx-auto w-full min-w-[300px] max-w-[560px] font-sans"
        >
          <title id={`${id}-title`}>{title ?? caption ?? words.title(left, right)}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <defs>
            {markerTokens.map((token) => (
              <ArrowHead key={token} id={`${id}-${token}`} fill={`var(--${token})`} />
            ))}
          </defs>

          {[
            { x: LEFT, name: left, first: leftStart },
            { x: RIGHT, name: right, first: rightStart },
          ].map((host) => (
            <g key={host.name}>
              <rect x={host.x - 52} y={8} width={104} height={28} rx={7} className="dg-box" />
              <text x={host.x} y={22} className="dg-host">
                {host.name}
              </text>
              <line x1={host.x} y1={36} x2={host.x} y2={height - 6} className="dg-lifeline" />
              {host.first ? (
                <text x={host.x === LEFT ? LEFT - 8 : RIGHT + 8} y={56} textAnchor={host.x === LEFT ? "end" : "start"} className="dg-state">
                  {host.first}
                </text>
              ) : null}
            </g>
          ))}

          {placed.map((step, index) => {
            const fromX = step.from === "left" ? LEFT : RIGHT;
            const toX = step.from === "left" ? RIGHT : LEFT;
            const y1 = step.y;
            const y2 = step.y + TRAVEL;
            const colour = flagColour(step.flags);
            const stops = step.lost || step.delayed;
            const token = tokenOf(colour);
            const endX = stops ? fromX + (toX - fromX) * 0.62 : toX;
            const endY = stops ? y1 + TRAVEL * 0.62 : y2;
            // A crossing pair would put both labels on the crossing point: move each towards its sender.
            // Labels of segments that stop half-way sit before the stop mark.
            const along = step.crossing ? 0.2 : stops ? 0.33 : 0.5;
            const midX = fromX + (toX - fromX) * along;
            const midY = y1 + TRAVEL * along;
            const flagsY = step.crossing ? midY - 20 : midY - 6;
            const detailY = step.crossing ? midY - 6 : midY + 15;
            // Four decimals: a ten-thousandth of a degree moves nothing by a pixel.
            const rotate = Number((step.from === "left" ? angle : -angle).toFixed(4));
            // Receiver's state changes when the segment arrives; the sender's when it sends.
            const leftY = step.from === "left" ? y1 : y2;
            const rightY = step.from === "right" ? y1 : y2;
            return (
              <g key={index}>
                {step.pause && step.pauseY !== undefined ? (
                  <text x={(LEFT + RIGHT) / 2} y={step.pauseY + 12} className="dg-pause">
                    {step.pause}
                  </text>
                ) : null}
                <line
                  x1={fromX}
                  y1={y1}
                  x2={endX}
                  y2={endY}
                  stroke={colour}
                  strokeWidth={2}
                  strokeDasharray={stops ? "5 4" : undefined}
                  markerEnd={stops ? undefined : `url(#${id}-${token})`}
                />
                {step.delayed ? <circle cx={endX} cy={endY} r={5} fill="var(--bg-elevated)" stroke={colour} strokeWidth={2} /> : null}
                {step.lost ? (
                  <g stroke="var(--rst)" strokeWidth={2.5}>
                    <line x1={endX - 6} y1={endY - 6} x2={endX + 6} y2={endY + 6} />
                    <line x1={endX - 6} y1={endY + 6} x2={endX + 6} y2={endY - 6} />
                  </g>
                ) : null}
                <g transform={`rotate(${rotate} ${midX} ${midY})`}>
                  <text x={midX} y={flagsY} fill={colour} className="dg-flags">
                    {step.flags}
                    {step.lost ? words.lost : step.delayed ? words.delayed : ""}
                  </text>
                  {step.detail ? (
                    <text x={midX} y={detailY} className="dg-detail">
                      {step.detail}
                    </text>
                  ) : null}
                </g>
                {step.leftState ? (
                  <g>
                    <circle cx={LEFT} cy={leftY} r={3.5} className="dg-dot" />
                    <text x={LEFT - 8} y={leftY + 4} textAnchor="end" className="dg-state">
                      {step.leftState}
                    </text>
                  </g>
                ) : null}
                {step.rightState ? (
                  <g>
                    <circle cx={RIGHT} cy={rightY} r={3.5} className="dg-dot" />
                    <text x={RIGHT + 8} y={rightY + 4} textAnchor="start" className="dg-state">
                      {step.rightState}
                    </text>
                  </g>
                ) : null}
              </g>
            );
          })}
        </svg>
      </DiagramScrollRegion>
      {caption ? <figcaption className="mt-2 text-sm text-fg-muted">{caption}</figcaption> : null}
    </figure>
  );
}
