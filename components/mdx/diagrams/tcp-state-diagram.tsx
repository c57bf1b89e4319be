import { useId } from "react";
import type { TcpState } from "@/domain/tcp/types";
import { LINUX_STATE_NAMES } from "@/domain/tcp/types";
import { BOX_HEIGHT, BOX_WIDTH, STATE_EDGES, STATE_NODES, describeEdge, nodeState } from "./state-diagram-model";

const WIDTH = 720;
const HEIGHT = 760;
const LINE = 13;

/**
 * The TCP state diagram of RFC 9293 §3.3.2, redrawn, with the states a lesson is about
 * highlighted. Transitions between two highlighted states are drawn in the accent colour.
 */
export function TcpStateDiagram({ highlight = [], caption }: { highlight?: TcpState[]; caption?: string }) {
  // useId() may contain characters that are not valid in url(#…) references.
  const id = `tcp-states-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const lit = new Set<TcpState>(highlight);
  const isLit = (nodeId: string) => lit.has(nodeState(nodeId));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const highlighted = highlight.length ? ` Highlighted: ${highlight.join(", ")}.` : "";
  const description = STATE_EDGES.map(describeEdge).join(" ");

  return (
    <figure className="not-prose my-8">
      <div className="overflow-x-auto rounded-xl border border-border bg-bg-elevated p-3">
        <svg
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="mx-auto w-full min-w-[540px] max-w-[760px] font-sans"
        >
          <title id={titleId}>{`TCP connection state diagram (RFC 9293).${highlighted}`}</title>
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
            const colour = on ? "var(--accent)" : "var(--fg-muted)";
            const lines = edge.action ? [edge.event, edge.action] : [edge.event];
            return (
              <g key={`${edge.from}-${edge.to}`}>
                <polyline
                  points={edge.points.map(([x, y]) => `${x},${y}`).join(" ")}
                  fill="none"
                  stroke={colour}
                  strokeWidth={on ? 2.2 : 1.2}
                  strokeDasharray={edge.extra ? "5 4" : undefined}
                  markerEnd={`url(#${id}-${on ? "arrow-lit" : "arrow"})`}
                />
                <text
                  x={edge.label.x}
                  y={edge.label.y - (lines.length - 1) * LINE}
                  textAnchor={edge.label.anchor}
                  fontSize="11.5"
                  fill={on ? "var(--fg)" : "var(--fg-muted)"}
                  fontWeight={on ? 600 : 400}
                >
                  {lines.map((line, i) => (
                    <tspan key={line} x={edge.label.x} dy={i === 0 ? 0 : LINE}>
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
                <rect
                  x={node.x - BOX_WIDTH / 2}
                  y={node.y - BOX_HEIGHT / 2}
                  width={BOX_WIDTH}
                  height={BOX_HEIGHT}
                  rx={8}
                  fill={on ? "var(--accent-soft)" : "var(--bg-sunken)"}
                  stroke={on ? "var(--accent)" : "var(--border)"}
                  strokeWidth={on ? 2.5 : 1.2}
                />
                <text
                  x={node.x}
                  y={node.y}
                  textAnchor="middle"
                  dominantBaseline="central"
                  fontSize="13.5"
                  fontWeight={on ? 700 : 500}
                  fill="var(--fg)"
                >
                  {node.state}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="mt-2 text-sm text-fg-muted">
        {caption ??
          "The TCP state diagram (RFC 9293 §3.3.2), redrawn. Boxes are states; each arrow is labelled with the event that causes it and the segment sent in response. Resets, timeouts other than 2MSL, and CLOSE from LISTEN or SYN-SENT are left out."}
      </figcaption>
      <details className="mt-2 text-sm text-fg-muted">
        <summary className="cursor-pointer">The diagram as text</summary>
        <ul className="mt-2 list-disc space-y-0.5 pl-5">
          {STATE_EDGES.map((edge) => (
            <li key={`${edge.from}-${edge.to}`}>
              {describeEdge(edge)}
              {edge.extra ? " (a FIN that also acknowledges our FIN; dashed)" : ""}
            </li>
          ))}
        </ul>
        <p className="mt-2">
          <code>/proc/net/tcp</code> and <code>netstat</code> print the same states with underscores, <code>ss</code> with hyphens and some abbreviations (<code>SYN-RECV</code>, <code>ESTAB</code>):{" "}
          {(Object.entries(LINUX_STATE_NAMES) as [TcpState, string][])
            .filter(([rfc, linux]) => rfc !== linux)
            .map(([rfc, linux]) => `${rfc} = ${linux}`)
            .join(", ")}
          .
        </p>
      </details>
    </figure>
  );
}
