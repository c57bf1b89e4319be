import { diagramWords } from "@/lib/i18n/words/diagrams";
import { cn } from "../ui/cn";
import type { Locale } from "@/domain/locale";
import { DiagramScrollRegion } from "./diagrams/scroll-region";

type Highlight = "SYN" | "ACK" | "FIN" | "RST" | "PSH" | "URG" | "seq" | "ack";
type Field = { label: string; start: number; bits: number; key?: Highlight; flag?: boolean };

// RFC 9293 section 3.1: the fixed 20-byte header, one 32-bit word per row.
const ROWS: Field[][] = [
  [
    { label: "Source port", start: 0, bits: 16 },
    { label: "Destination port", start: 16, bits: 16 },
  ],
  [{ label: "Sequence number", start: 0, bits: 32, key: "seq" }],
  [{ label: "Acknowledgment number", start: 0, bits: 32, key: "ack" }],
  [
    { label: "Offset", start: 0, bits: 4 },
    { label: "Rsrvd", start: 4, bits: 4 },
    { label: "CWR", start: 8, bits: 1, flag: true },
    { label: "ECE", start: 9, bits: 1, flag: true },
    { label: "URG", start: 10, bits: 1, key: "URG", flag: true },
    { label: "ACK", start: 11, bits: 1, key: "ACK", flag: true },
    { label: "PSH", start: 12, bits: 1, key: "PSH", flag: true },
    { label: "RST", start: 13, bits: 1, key: "RST", flag: true },
    { label: "SYN", start: 14, bits: 1, key: "SYN", flag: true },
    { label: "FIN", start: 15, bits: 1, key: "FIN", flag: true },
    { label: "Window", start: 16, bits: 16 },
  ],
  [
    { label: "Checksum", start: 0, bits: 16 },
    { label: "Urgent pointer", start: 16, bits: 16 },
  ],
  [{ label: "Options (0–40 bytes) and padding", start: 0, bits: 32 }],
];

const BIT = 22;
const ROW = 46;
const TOP = 22;
const WIDTH = BIT * 32;

const FLAG_COLOUR: Partial<Record<Highlight, string>> = {
  SYN: "var(--syn)",
  ACK: "var(--ack)",
  FIN: "var(--fin)",
  RST: "var(--rst)",
};

/** The TCP header, redrawn from RFC 9293 §3.1, with chosen fields highlighted. Flag names stay as they are in every language. */
export function TcpHeaderDiagram({ highlight = [], caption, locale = "en" }: { highlight?: Highlight[]; caption?: string; locale?: Locale }) {
  const words = diagramWords(locale).header;
  const lit = new Set(highlight);
  const height = TOP + ROW * ROWS.length + 2;
  return (
    <figure className="not-prose my-8">
      <DiagramScrollRegion label={diagramWords(locale).scroll.header}>
        <svg
          role="img"
          aria-label={words.label(highlight)}
          viewBox={`-2 0 ${WIDTH + 4} ${height}`}
          className="min-w-[560px] w-full font-sans"
        >
          {[0, 8, 16, 24, 31].map((bit) => (
            <text key={bit} x={bit * BIT + BIT / 2} y={14} textAnchor="middle" fontSize="10" fill="var(--fg-muted)">
              {bit}
            </text>
          ))}
          {ROWS.map((row, r) =>
            row.map((field) => {
              const x = field.start * BIT;
              const y = TOP + r * ROW;
              const w = field.bits * BIT;
              const on = field.key !== undefined && lit.has(field.key);
              const colour = (field.key && FLAG_COLOUR[field.key]) || "var(--accent)";
              return (
                <g key={`${r}-${field.label}`}>
                  <rect
                    x={x}
                    y={y}
                    width={w}
                    height={ROW}
                    fill={on ? colour : "var(--bg-sunken)"}
                    fillOpacity={on ? 0.22 : 1}
                    stroke={on ? colour : "var(--border)"}
                    strokeWidth={on ? 2 : 1}
                  />
                  {field.flag ? (
                    <text
                      x={x + w / 2}
                      y={y + ROW / 2}
                      fontSize="9.5"
                      fontWeight={on ? 700 : 500}
                      textAnchor="middle"
                      dominantBaseline="middle"
                      transform={`rotate(-90 ${x + w / 2} ${y + ROW / 2})`}
                      fill="var(--fg)"
                    >
                      {field.label}
                    </text>
                  ) : (
                    <text
                      x={x + w / 2}
                      y={y + ROW / 2}
                      fontSize="13"
                      fontWeight={on ? 700 : 500}
                      textAnchor="middle"
                      dominantBaseline="middle"
                      fill="var(--fg)"
                    >
                      {words.fields[field.label] ?? field.label}
                    </text>
                  )}
                </g>
              );
            }),
          )}
        </svg>
      </DiagramScrollRegion>
      <figcaption className={cn("mt-2 text-sm text-fg-muted")}>
        {caption ?? words.caption}
      </figcaption>
    </figure>
  );
}
