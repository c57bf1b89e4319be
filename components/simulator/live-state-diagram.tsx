"use client";

import { memo } from "react";
import { BOX_HEIGHT, BOX_WIDTH, STATE_EDGES, STATE_NODES, nodeState } from "@/components/mdx/diagrams/state-diagram-model";
import type { HostId, TcpState } from "@/domain/tcp";
import { LINUX_STATE_NAMES } from "@/domain/tcp";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import { useViewLocale } from "./locale";

const HOST_COLOUR: Record<HostId, string> = { client: "var(--syn)", server: "var(--fin)" };
const HOST_LETTER: Record<HostId, string> = { client: "C", server: "S" };

export interface HostPosition {
  state: TcpState;
  /** The transition that led here, if any. */
  from: TcpState | null;
}

function nodeFor(position: HostPosition): string | undefined {
  if (position.state === "CLOSED") return position.from === null ? "closed-start" : "closed-end";
  return STATE_NODES.find((node) => node.state === position.state)?.id;
}

function edgeFor(position: HostPosition) {
  if (position.from === null) return undefined;
  const from = position.from;
  return STATE_EDGES.find((edge) => nodeState(edge.from) === from && nodeState(edge.to) === position.state);
}

/**
 * The RFC 9293 state diagram (the lessons' drawing, without its labels) with each endpoint's
 * current state marked: C for the client, S for the server, and the transition each just took.
 */
export const LiveStateDiagram = memo(function LiveStateDiagram({ client, server }: Record<HostId, HostPosition>) {
  const positions: Record<HostId, HostPosition> = { client, server };
  const hosts: HostId[] = ["client", "server"];
  const litNodes = new Map<string, HostId[]>();
  for (const host of hosts) {
    const id = nodeFor(positions[host]);
    if (id !== undefined) litNodes.set(id, [...(litNodes.get(id) ?? []), host]);
  }
  const litEdges = new Map<string, HostId>();
  for (const host of hosts) {
    const edge = edgeFor(positions[host]);
    if (edge !== undefined) litEdges.set(`${edge.from}-${edge.to}`, host);
  }
  const words = simulatorWords(useViewLocale());
  const label = words.stateDiagram(client.state, LINUX_STATE_NAMES[client.state], server.state, LINUX_STATE_NAMES[server.state]);
  return (
    <svg role="img" aria-label={label} viewBox="0 0 720 770" className="mx-auto block w-full max-w-[440px] font-sans">
      <defs>
        <marker id="live-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="var(--fg-muted)" />
        </marker>
        {hosts.map((host) => (
          <marker key={host} id={`live-arrow-${host}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill={HOST_COLOUR[host]} />
          </marker>
        ))}
      </defs>
      {STATE_EDGES.map((edge) => {
        const host = litEdges.get(`${edge.from}-${edge.to}`);
        return (
          <polyline
            key={`${edge.from}-${edge.to}`}
            points={edge.points.map(([x, y]) => `${x},${y}`).join(" ")}
            fill="none"
            stroke={host ? HOST_COLOUR[host] : "var(--fg-muted)"}
            strokeOpacity={host ? 1 : 0.45}
            strokeWidth={host ? 4 : 1.4}
            strokeDasharray={edge.extra ? "5 4" : undefined}
            markerEnd={`url(#live-arrow${host ? `-${host}` : ""})`}
          />
        );
      })}
      {STATE_NODES.map((node) => {
        const here = litNodes.get(node.id) ?? [];
        const on = here.length > 0;
        return (
          <g key={node.id}>
            <rect
              x={node.x - BOX_WIDTH / 2}
              y={node.y - BOX_HEIGHT / 2}
              width={BOX_WIDTH}
              height={BOX_HEIGHT}
              rx={8}
              fill={on ? "var(--accent-soft)" : "var(--bg-sunken)"}
              stroke={on ? HOST_COLOUR[here[0] ?? "client"] : "var(--border)"}
              strokeWidth={on ? 3.5 : 1.2}
            />
            <text
              x={node.x}
              y={node.y}
              textAnchor="middle"
              dominantBaseline="central"
              fontSize={16}
              fontWeight={on ? 700 : 500}
              fill={on ? "var(--fg)" : "var(--fg-muted)"}
            >
              {node.state}
            </text>
            {here.map((host, index) => (
              <g key={host} transform={`translate(${node.x + BOX_WIDTH / 2 - 4 - index * 30}, ${node.y - BOX_HEIGHT / 2 - 6})`}>
                <circle r={13} fill={HOST_COLOUR[host]} />
                <text textAnchor="middle" dominantBaseline="central" fontSize={15} fontWeight={700} fill="var(--bg-elevated)">
                  {HOST_LETTER[host]}
                </text>
              </g>
            ))}
          </g>
        );
      })}
    </svg>
  );
});
