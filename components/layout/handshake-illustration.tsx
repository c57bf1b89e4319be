/** A static ladder sketch of a connection's life for the landing page. */
const CLIENT_X = 88;
const SERVER_X = 290;

const SEGMENTS = [
  { y: 60, toServer: true, label: "SYN seq=0", colour: "var(--syn)" },
  { y: 112, toServer: false, label: "SYN+ACK seq=0 ack=1", colour: "var(--syn)" },
  { y: 164, toServer: true, label: "ACK ack=1", colour: "var(--ack)" },
  { y: 232, toServer: true, label: "FIN seq=1 ack=1", colour: "var(--fin)" },
  { y: 284, toServer: false, label: "ACK ack=2", colour: "var(--ack)" },
];
const DROP = 26;

const STATES = [
  { x: CLIENT_X - 12, y: 90, text: "SYN-SENT", anchor: "end" },
  { x: SERVER_X + 12, y: 140, text: "SYN-RCVD", anchor: "start" },
  { x: CLIENT_X - 12, y: 150, text: "ESTABLISHED", anchor: "end" },
  { x: SERVER_X + 12, y: 198, text: "ESTABLISHED", anchor: "start" },
  { x: CLIENT_X - 12, y: 262, text: "FIN-WAIT-1", anchor: "end" },
  { x: SERVER_X + 12, y: 262, text: "CLOSE-WAIT", anchor: "start" },
  { x: CLIENT_X - 12, y: 318, text: "FIN-WAIT-2", anchor: "end" },
] as const;

function arrowHead(x: number, y: number, angle: number, colour: string) {
  const size = 9;
  const a1 = angle + Math.PI - 0.42;
  const a2 = angle + Math.PI + 0.42;
  const points = [
    [x, y],
    [x + size * Math.cos(a1), y + size * Math.sin(a1)],
    [x + size * Math.cos(a2), y + size * Math.sin(a2)],
  ];
  return <polygon points={points.map((p) => p.join(",")).join(" ")} fill={colour} />;
}

/** Segment labels and state names are the protocol's own; the hosts and the text alternative come in the page's language. */
export function HandshakeIllustration({ label, client, server }: { label: string; client: string; server: string }) {
  return (
    <svg
      viewBox="0 0 380 340"
      role="img"
      aria-label={label}
      className="w-full max-w-md"
    >
      <text x={CLIENT_X} y="22" textAnchor="middle" fontSize="14" fontWeight="600" fill="var(--fg)">
        {client}
      </text>
      <text x={SERVER_X} y="22" textAnchor="middle" fontSize="14" fontWeight="600" fill="var(--fg)">
        {server}
      </text>
      <line x1={CLIENT_X} y1="34" x2={CLIENT_X} y2="330" stroke="var(--border)" strokeWidth="3" />
      <line x1={SERVER_X} y1="34" x2={SERVER_X} y2="330" stroke="var(--border)" strokeWidth="3" />
      {SEGMENTS.map((segment) => {
        const [x1, x2] = segment.toServer ? [CLIENT_X, SERVER_X] : [SERVER_X, CLIENT_X];
        const y1 = segment.y;
        const y2 = segment.y + DROP;
        const angle = Math.atan2(y2 - y1, x2 - x1);
        const degrees = (Math.atan2(DROP, Math.abs(x2 - x1)) * 180) / Math.PI;
        const midY = (y1 + y2) / 2;
        return (
          <g key={segment.label}>
            <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={segment.colour} strokeWidth="2.2" />
            {arrowHead(x2, y2, angle, segment.colour)}
            <text
              x={(CLIENT_X + SERVER_X) / 2}
              y={midY - 7}
              textAnchor="middle"
              fontSize="12"
              fontFamily="var(--font-mono)"
              fill="var(--fg)"
              transform={`rotate(${segment.toServer ? degrees : -degrees} ${(CLIENT_X + SERVER_X) / 2} ${midY})`}
            >
              {segment.label}
            </text>
          </g>
        );
      })}
      {STATES.map((state) => (
        <text key={`${state.text}-${state.y}`} x={state.x} y={state.y} textAnchor={state.anchor} fontSize="10" fill="var(--fg-muted)">
          {state.text}
        </text>
      ))}
    </svg>
  );
}
