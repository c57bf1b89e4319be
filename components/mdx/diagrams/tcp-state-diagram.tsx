import { useId } from "react";
import type { TcpState } from "@/domain/tcp/types";
import { LINUX_STATE_NAMES } from "@/domain/tcp/types";
import { diagramWords } from "@/lib/i18n/words/diagrams";
import { RichText } from "../../quiz/rich-text";
import { cn } from "../../ui/cn";
import { BOX_HEIGHT, BOX_WIDTH, STATE_EDGES, STATE_NODES, describeEdge, nodeState } from "./state-diagram-model";
import type { Locale } from "@/domain/locale";
import { DiagramScrollRegion } from "./scroll-region";

const WIDTH = 720;
const HEIGHT = 760;
const LINE = 13;

/**
 * The TCP state diagram of RFC 9293 §3.3.2, redrawn, with the states a lesson is about
 * highlighted. Transitions between two highlighted states are drawn in the accent colour. The
 * RFC's own event and action labels ("rcv SYN", "snd ACK") stay as the RFC writes them.
 */
export function TcpStateDiagram({ highlight = [], caption, locale = "en" }: { highlight?: TcpState[]; caption?: string; locale?: Locale }) {
  const words = diagramWords(locale).states;
  // useId() may contain characters that are not valid in url(#…) references.
  const id = `tcp-states-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const lit = new Set<TcpState>(highlight);
  const isLit = (nodeId: string) => lit.has(nodeState(nodeId));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const description = STATE_EDGES.map((edge) => describeEdge(edge, locale)).join(locale === "en" ? " " : "");

  return (
    <figure className="not-prose my-8">
      <DiagramScrollRegion label={diagramWords(locale).scroll.states}>
        <svg
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="mx-auto w-full min-w-[540px] max-w-[760px] font-sans"
        >
          <title id={titleId}>{words.title(highlight)}</title>
          <desc id={descId}>{description}</desc>
          <defs>
            <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="var(--fg-muted)" />
            </marker>
            <marker id={`${id}-arrow-lit`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="var(--accent)" />
            </marker>
          </defs>

          {STATE_EDGES.map((edge) => {
            const on = isLit(edge.from) && isLit(edge.to);
            const lines = edge.action ? [edge.event, edge.action] : [edge.event];
            return (
              <g key={`${edge.from}-${edge.to}`}>
                <polyline
                  points={edge.points.map(([x, y]) => `${x},${y}`).join(" ")}
                  className={cn("dg-edge", on && "dg-on", edge.extra && "dg-extra")}
                  markerEnd={`url(#${id}-${on ? "arrow-lit" : "arrow"})`}
                />
                <text x={edge.label.x} y={edge.label.y - (lines.length - 1) * LINE} textAnchor={edge.label.anchor} className={cn("dg-label", on && "dg-on")}>
                  {lines.map((line, i) => (
                    <tspan key={line} x={edge.label.x} dy={i === 0 ? undefined : LINE}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}

          {STATE_NODES.map((node) => {
            const on = lit.has(node.state);
            return (
              <g key={node.id}>
                <rect x={node.x - BOX_WIDTH / 2} y={node.y - BOX_HEIGHT / 2} width={BOX_WIDTH} height={BOX_HEIGHT} rx={8} className={cn("dg-node", on && "dg-on")} />
                <text x={node.x} y={node.y} className={cn("dg-name", on && "dg-on")}>
                  {node.state}
                </text>
              </g>
            );
          })}
        </svg>
      </DiagramScrollRegion>
      <figcaption className="mt-2 text-sm text-fg-muted">
        {caption ?? words.caption}
      </figcaption>
      <details className="mt-2 text-sm text-fg-muted">
        <summary className="cursor-pointer">{words.asText}</summary>
        <ul className="mt-2 list-disc space-y-0.5 pl-5">
          {STATE_EDGES.map((edge) => (
            <li key={`${edge.from}-${edge.to}`}>
              {describeEdge(edge, locale)}
              {edge.extra ? words.extra : ""}
            </li>
          ))}
        </ul>
        <p className="mt-2">
          <RichText text={words.linuxNames} />{" "}
          {(Object.entries(LINUX_STATE_NAMES) as [TcpState, string][])
            .filter(([rfc, linux]) => rfc !== linux)
            .map(([rfc, linux]) => `${rfc} = ${linux}`)
            .join(locale === "en" ? ", " : "、")}
          {locale === "en" ? "." : "。"}
        </p>
      </details>
    </figure>
  );
}
