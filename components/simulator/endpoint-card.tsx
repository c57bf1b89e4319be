"use client";

import { memo, useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LINUX_STATE_NAMES, type EndpointSnapshot, type HostId, type SimEvent } from "@/domain/tcp";
import { formatSeconds } from "@/domain/simulator/format";
import { SIM_LIMITS, type ActionKey, type LearnerCall } from "@/domain/simulator/session";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import { useViewLocale } from "./locale";

/** The calls in the order their buttons appear; labels and help come from the words. */
const CALLS: readonly Exclude<LearnerCall, "setsockopt" | "read">[] = ["listen", "connect", "send", "shutdown", "close", "abort"];

type ErrorEvent = Extract<SimEvent, { kind: "error" }>;

export const EndpointCard = memo(function EndpointCard({
  host,
  snapshot,
  errors,
  absolute,
  allowed,
  onAct,
}: {
  host: HostId;
  snapshot: EndpointSnapshot;
  errors: readonly ErrorEvent[];
  absolute: boolean;
  /** Actions the learner may take; none hides the action buttons. */
  allowed: ReadonlySet<ActionKey>;
  onAct: (host: HostId, call: Exclude<LearnerCall, "setsockopt">, bytes?: number) => void;
}) {
  const words = simulatorWords(useViewLocale());
  const name = words.host[host];
  const [bytes, setBytes] = useState(100);
  const bytesId = useId();
  const calls = CALLS.filter((call) => allowed.has(`${host}:${call}`)).map((call) => ({ call, ...words.calls[call] }));
  const numbers =
    snapshot.relative === null
      ? null
      : absolute
        ? { una: snapshot.sndUna, nxt: snapshot.sndNxt, rcv: snapshot.state === "SYN-SENT" ? null : snapshot.rcvNxt }
        : { una: snapshot.relative.sndUna, nxt: snapshot.relative.sndNxt, rcv: snapshot.relative.rcvNxt };
  return (
    <div className={cn("rounded-lg border bg-bg-elevated p-3", host === "client" ? "border-syn/40" : "border-fin/40")}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-semibold">{name}</p>
        <p className="text-sm">
          <span className="sr-only">{words.stateOf(name)}</span>
          <Badge tone={snapshot.state === "ESTABLISHED" ? "success" : snapshot.state === "CLOSED" ? "neutral" : "accent"} className="font-mono">
            {snapshot.state}
          </Badge>{" "}
          <span className="font-mono text-xs text-fg-muted" title={words.linuxName}>
            {LINUX_STATE_NAMES[snapshot.state]}
          </span>
        </p>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {numbers ? (
          <>
            <dt className="text-fg-muted">SND.UNA / SND.NXT</dt>
            <dd className="font-mono">
              {numbers.una} / {numbers.nxt}
            </dd>
            <dt className="text-fg-muted">RCV.NXT</dt>
            <dd className="font-mono">{numbers.rcv ?? "—"}</dd>
            {snapshot.unsentBytes > 0 ? (
              <>
                <dt className="text-fg-muted">{words.unsent}</dt>
                <dd className="font-mono">{words.bytes(snapshot.unsentBytes)}</dd>
              </>
            ) : null}
          </>
        ) : null}
        {snapshot.orphan ? (
          <>
            <dt className="text-fg-muted">{words.socket}</dt>
            <dd>{words.orphan}</dd>
          </>
        ) : null}
        {snapshot.timers.map((timer) => (
          <div key={timer.kind} className="contents">
            <dt className="text-fg-muted">{words.timers[timer.kind] ?? timer.kind}</dt>
            <dd className="font-mono">{words.firesAt(formatSeconds(timer.due))}</dd>
          </div>
        ))}
      </dl>
      {errors.length > 0 ? (
        <ul className="mt-2 !list-none space-y-0.5 !pl-0 text-xs text-danger">
          {errors.map((error) => (
            <li key={error.index}>
              {error.call ? words.failedWith(error.call) : words.gotError}
              <strong className="font-mono">{error.code}</strong>
              {words.atTime(formatSeconds(error.t))}
            </li>
          ))}
        </ul>
      ) : null}
      {calls.length > 0 ? (
        <div role="group" aria-label={words.actions(name)} className="mt-3 flex flex-wrap items-center gap-1.5">
          {calls.map(({ call, label, help }) =>
            call === "send" ? (
              <span key={call} className="inline-flex items-center gap-1">
                <Button size="sm" variant="secondary" title={help} onClick={() => onAct(host, "send", bytes)}>
                  {label}
                </Button>
                <label htmlFor={bytesId} className="sr-only">
                  {words.bytesToSend(host)}
                </label>
                <input
                  id={bytesId}
                  type="number"
                  min={1}
                  max={SIM_LIMITS.maxSendBytes}
                  value={bytes}
                  onChange={(event) => setBytes(Math.max(1, Math.min(SIM_LIMITS.maxSendBytes, Number(event.target.value) || 1)))}
                  className="h-8 w-20 rounded-md border border-border bg-bg px-1.5 text-sm"
                />
              </span>
            ) : (
              <Button key={call} size="sm" variant={call === "abort" ? "danger" : "secondary"} title={help} onClick={() => onAct(host, call)}>
                {label}
              </Button>
            ),
          )}
        </div>
      ) : null}
    </div>
  );
});
