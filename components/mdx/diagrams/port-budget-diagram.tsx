import { useId } from "react";
import { LINUX_DEFAULTS } from "@/domain/tcp/profiles";
import { diagramWords } from "@/lib/i18n/words/diagrams";
import { formatCount, portBudget } from "./port-budget";
import type { Locale } from "@/domain/locale";

const WIDTH = 420;

/**
 * The 4-tuple of a client connection with the one part that varies (the ephemeral port), and
 * the arithmetic that limits how fast one client can open connections to one server ip:port.
 * Defaults come from the engine's Linux profile, so the numbers always match the simulator.
 */
export function PortBudgetDiagram({
  range,
  timeWaitMs,
  destinations = 1,
  clientIp = "10.0.0.5",
  serverIp = "10.0.0.9",
  serverPort = 443,
  caption,
  locale = "en",
}: {
  range?: [number, number];
  timeWaitMs?: number;
  destinations?: number;
  clientIp?: string;
  serverIp?: string;
  serverPort?: number;
  caption?: string;
  locale?: Locale;
}) {
  const words = diagramWords(locale).ports;
  const id = `ports-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const budget = portBudget(range, timeWaitMs, destinations);
  const [lowPort, highPort] = range ?? LINUX_DEFAULTS.ip_local_port_range;
  const rows = [
    { who: words.client, ip: clientIp, port: `${lowPort}–${highPort}`, varies: true },
    { who: words.server, ip: serverIp, port: String(serverPort), varies: false },
  ];
  const description = words.description({
    clientIp,
    serverIp,
    serverPort,
    low: lowPort,
    high: highPort,
    ports: formatCount(budget.ports),
    seconds: budget.timeWaitSeconds,
    perSecond: formatCount(budget.perSecond),
    destinations,
  });

  return (
    <figure className="not-prose my-8">
      <div className="rounded-xl border border-border bg-bg-elevated p-3">
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${WIDTH} 150`}
          className="mx-auto w-full max-w-[560px] font-sans"
        >
          <title id={`${id}-title`}>{words.title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          {rows.map((row, r) => {
            const y = 14 + r * 62;
            return (
              <g key={row.who}>
                <text x={6} y={y + 23} fontSize="13" fontWeight={600} fill="var(--fg-muted)">
                  {row.who}
                </text>
                <rect x={70} y={y} width={150} height={36} rx={7} fill="var(--bg-sunken)" stroke="var(--border)" />
                <text x={145} y={y + 18} textAnchor="middle" dominantBaseline="central" fontSize="14" fontFamily="var(--font-mono)" fill="var(--fg)">
                  {row.ip}
                </text>
                <text x={226} y={y + 18} dominantBaseline="central" fontSize="15" fill="var(--fg-muted)">
                  :
                </text>
                <rect
                  x={236}
                  y={y}
                  width={178}
                  height={36}
                  rx={7}
                  fill={row.varies ? "var(--accent-soft)" : "var(--bg-sunken)"}
                  stroke={row.varies ? "var(--accent)" : "var(--border)"}
                  strokeWidth={row.varies ? 2 : 1}
                />
                <text
                  x={325}
                  y={y + 18}
                  textAnchor="middle"
                  dominantBaseline="central"
                  fontSize="14"
                  fontWeight={row.varies ? 700 : 400}
                  fontFamily="var(--font-mono)"
                  fill="var(--fg)"
                >
                  {row.port}
                </text>
                <text x={row.varies ? 325 : 145} y={y + 50} textAnchor="middle" fontSize="11" fill="var(--fg-muted)">
                  {row.varies ? words.varies : words.fixed}
                </text>
              </g>
            );
          })}
        </svg>
        <dl className="mx-auto mt-3 max-w-[560px] space-y-2 text-[0.95rem]">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <dt className="text-fg-muted">{words.portsInRange}</dt>
            <dd className="font-mono">
              {highPort} − {lowPort} + 1 = <strong>{formatCount(budget.ports)}</strong>
            </dd>
          </div>
          {destinations > 1 ? (
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <dt className="text-fg-muted">{words.tuplesTo(destinations)}</dt>
              <dd className="font-mono">
                {formatCount(budget.ports)} × {destinations} = <strong>{formatCount(budget.tuples)}</strong>
              </dd>
            </div>
          ) : null}
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <dt className="text-fg-muted">{words.heldFor}</dt>
            <dd className="font-mono">
              <strong>{words.seconds(budget.timeWaitSeconds)}</strong>
            </dd>
          </div>
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 border-t border-border pt-2">
            <dt className="text-fg-muted">{words.perSecond}</dt>
            <dd className="font-mono">
              {formatCount(budget.tuples)} ÷ {budget.timeWaitSeconds} ≈ <strong>{formatCount(budget.perSecond)}</strong>
            </dd>
          </div>
        </dl>
      </div>
      <figcaption className="mt-2 text-sm text-fg-muted">
        {caption ?? words.caption}
      </figcaption>
    </figure>
  );
}
