"use client";

import { memo, useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LINUX_STATE_NAMES, type EndpointSnapshot, type HostId, type SimEvent, type SocketOption, type SocketOptionValue } from "@/domain/tcp";
import { formatSeconds } from "@/domain/simulator/format";
import { SIM_LIMITS, type ActionKey, type LearnerCall } from "@/domain/simulator/session";
import { simulatorWords, type SimulatorWords } from "@/lib/i18n/words/simulator";
import { useViewLocale } from "./locale";

/** The calls in the order their buttons appear; labels and help come from the words. */
const CALLS: readonly Exclude<LearnerCall, "setsockopt" | "read">[] = ["listen", "connect", "send", "shutdown", "close", "abort"];

type ErrorEvent = Extract<SimEvent, { kind: "error" }>;
type HostCall = Exclude<LearnerCall, "setsockopt">;

export const EndpointCard = memo(function EndpointCard({
  host,
  snapshot,
  errors,
  absolute,
  allowed,
  onAct,
  autoRead = true,
  onAutoRead,
  onSetOption,
}: {
  host: HostId;
  snapshot: EndpointSnapshot;
  errors: readonly ErrorEvent[];
  absolute: boolean;
  /** Actions the learner may take; none hides the action buttons. */
  allowed: ReadonlySet<ActionKey>;
  onAct: (host: HostId, call: HostCall, bytes?: number) => void;
  /** Whether this host's application reads data as it arrives. */
  autoRead?: boolean;
  /** Offered with the read action: the learner switches the application's reading on or off. */
  onAutoRead?: (host: HostId, value: boolean) => void;
  onSetOption?: (host: HostId, option: SocketOption, value: SocketOptionValue) => void;
}) {
  const words = simulatorWords(useViewLocale());
  const name = words.host[host];
  const [bytes, setBytes] = useState(100);
  const [readBytes, setReadBytes] = useState("");
  const ids = useId();
  const calls = CALLS.filter((call) => allowed.has(`${host}:${call}`)).map((call) => ({ call, ...words.calls[call] }));
  const canRead = allowed.has(`${host}:read`);
  const canSet = allowed.has(`${host}:setsockopt`) && onSetOption !== undefined;
  const numbers =
    snapshot.relative === null
      ? null
      : absolute
        ? { una: snapshot.sndUna, nxt: snapshot.sndNxt, rcv: snapshot.state === "SYN-SENT" ? null : snapshot.rcvNxt }
        : { una: snapshot.relative.sndUna, nxt: snapshot.relative.sndNxt, rcv: snapshot.relative.rcvNxt };
  const options = optionSummary(snapshot, words);
  const read = () => {
    const amount = Number(readBytes);
    onAct(host, "read", readBytes.trim() === "" || !Number.isFinite(amount) || amount < 1 ? 0 : Math.min(SIM_LIMITS.maxSendBytes, Math.floor(amount)));
  };
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
            {!autoRead || snapshot.unreadBytes > 0 ? (
              <>
                <dt className="text-fg-muted">{words.unread}</dt>
                <dd className="font-mono">{words.bytes(snapshot.unreadBytes)}</dd>
              </>
            ) : null}
            {numbers.rcv !== null ? (
              <>
                <dt className="text-fg-muted">{words.windows}</dt>
                <dd className="font-mono">
                  {snapshot.rcvWnd} / {snapshot.sndWnd}
                </dd>
              </>
            ) : null}
          </>
        ) : null}
        {snapshot.probesOut > 0 ? (
          <>
            <dt className="text-fg-muted">{words.probesOut}</dt>
            <dd className="font-mono">{snapshot.probesOut}</dd>
          </>
        ) : null}
        {snapshot.orphan ? (
          <>
            <dt className="text-fg-muted">{words.socket}</dt>
            <dd>{words.orphan}</dd>
          </>
        ) : null}
        {options.length > 0 ? (
          <>
            <dt className="text-fg-muted">setsockopt</dt>
            <dd>{words.optionsNow(options)}</dd>
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
      {calls.length > 0 || canRead ? (
        <div role="group" aria-label={words.actions(name)} className="mt-3 flex flex-wrap items-center gap-1.5">
          {calls.map(({ call, label, help }) =>
            call === "send" ? (
              <span key={call} className="inline-flex items-center gap-1">
                <Button size="sm" variant="secondary" title={help} onClick={() => onAct(host, "send", bytes)}>
                  {label}
                </Button>
                <label htmlFor={`${ids}-send`} className="sr-only">
                  {words.bytesToSend(host)}
                </label>
                <input
                  id={`${ids}-send`}
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
          {canRead ? (
            <span className="inline-flex items-center gap-1">
              <Button size="sm" variant="secondary" title={words.calls.read.help} onClick={read}>
                {words.calls.read.label}
              </Button>
              <label htmlFor={`${ids}-read`} className="sr-only">
                {words.bytesToRead(host)}
              </label>
              <input
                id={`${ids}-read`}
                type="number"
                min={1}
                max={SIM_LIMITS.maxSendBytes}
                placeholder={words.everything}
                value={readBytes}
                onChange={(event) => setReadBytes(event.target.value)}
                className="h-8 w-20 rounded-md border border-border bg-bg px-1.5 text-sm"
              />
            </span>
          ) : null}
        </div>
      ) : null}
      {canRead && onAutoRead !== undefined ? (
        <div className="mt-2 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={autoRead} onChange={(event) => onAutoRead(host, event.target.checked)} aria-describedby={`${ids}-reads-help`} />
            {words.readsAsItArrives}
          </label>
          <p id={`${ids}-reads-help`} className="text-xs text-fg-muted">
            {words.readsHelp}
          </p>
        </div>
      ) : null}
      {canSet ? <SocketOptionsForm host={host} snapshot={snapshot} words={words} onSet={onSetOption} /> : null}
    </div>
  );
});

/** What setsockopt() has changed from the defaults, for the card. */
function optionSummary(snapshot: EndpointSnapshot, words: SimulatorWords): string[] {
  const options = snapshot.options;
  const parts: string[] = [];
  if (options.keepalive) {
    // The profile's defaults stand where the socket sets nothing; they are the kernel's 7200 / 75 / 9.
    parts.push(words.optionParts.keepalive((options.keepIdleMs ?? 7_200_000) / 1000, (options.keepIntvlMs ?? 75_000) / 1000, options.keepCnt ?? 9));
  }
  if (options.rcvbuf !== null) parts.push(words.optionParts.rcvbuf(options.rcvbuf));
  if (options.userTimeoutMs > 0) parts.push(words.optionParts.userTimeout(options.userTimeoutMs));
  if (options.linger.onoff) parts.push(words.optionParts.linger(options.linger.linger));
  return parts;
}

type NumericOption = Exclude<SocketOption, "SO_KEEPALIVE" | "SO_LINGER">;

/** Starting values of the inputs: numbers that show each option doing something within a run. */
const INPUT_DEFAULTS: Record<NumericOption, number> = {
  TCP_KEEPIDLE: 20,
  TCP_KEEPINTVL: 5,
  TCP_KEEPCNT: 3,
  SO_RCVBUF: 4096,
  TCP_USER_TIMEOUT: 5000,
};
const INPUT_LIMITS: Record<NumericOption, [number, number]> = {
  TCP_KEEPIDLE: [1, 32_767],
  TCP_KEEPINTVL: [1, 32_767],
  TCP_KEEPCNT: [1, 127],
  SO_RCVBUF: [0, 1_000_000],
  TCP_USER_TIMEOUT: [0, 3_600_000],
};

/** setsockopt() for one host: each option set at the current moment of the run, as an action. */
function SocketOptionsForm({
  host,
  snapshot,
  words,
  onSet,
}: {
  host: HostId;
  snapshot: EndpointSnapshot;
  words: SimulatorWords;
  onSet: (host: HostId, option: SocketOption, value: SocketOptionValue) => void;
}) {
  const ids = useId();
  const [values, setValues] = useState<Record<NumericOption, string>>(() =>
    Object.fromEntries(Object.entries(INPUT_DEFAULTS).map(([key, value]) => [key, String(value)])) as Record<NumericOption, string>,
  );
  const [lingerOn, setLingerOn] = useState(true);
  const [lingerSeconds, setLingerSeconds] = useState("0");
  const labels = words.optionLabels;
  const numeric = (option: NumericOption) => {
    const [low, high] = INPUT_LIMITS[option];
    const value = Math.round(Number(values[option]));
    return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : INPUT_DEFAULTS[option];
  };
  return (
    <details className="mt-3 rounded-md border border-border px-2 py-1 text-sm">
      <summary className="cursor-pointer py-1 font-medium">{words.socketOptions}</summary>
      <div className="space-y-2 py-2">
        <p className="text-xs text-fg-muted">{words.optionsHelp(host)}</p>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={snapshot.options.keepalive} onChange={(event) => onSet(host, "SO_KEEPALIVE", event.target.checked ? 1 : 0)} />
          <span className="font-mono text-xs">{labels.SO_KEEPALIVE}</span>
        </label>
        {(Object.keys(INPUT_DEFAULTS) as NumericOption[]).map((option) => (
          <div key={option} className="flex flex-wrap items-center gap-1.5">
            <label htmlFor={`${ids}-${option}`} className="min-w-[12rem] flex-1 font-mono text-xs">
              {labels[option]}
            </label>
            <input
              id={`${ids}-${option}`}
              type="number"
              min={INPUT_LIMITS[option][0]}
              max={INPUT_LIMITS[option][1]}
              value={values[option]}
              onChange={(event) => setValues((current) => ({ ...current, [option]: event.target.value }))}
              className="h-8 w-24 rounded-md border border-border bg-bg px-1.5"
            />
            <Button size="sm" variant="secondary" aria-label={words.setOption(option, host)} onClick={() => onSet(host, option, numeric(option))}>
              {words.calls.setsockopt.label}
            </Button>
          </div>
        ))}
        <div className="flex flex-wrap items-center gap-1.5">
          <label className="inline-flex min-w-[12rem] flex-1 items-center gap-2 font-mono text-xs">
            <input type="checkbox" checked={lingerOn} onChange={(event) => setLingerOn(event.target.checked)} />
            {labels.SO_LINGER}
          </label>
          <label htmlFor={`${ids}-linger`} className="sr-only">
            {labels.lingerSeconds}
          </label>
          <input
            id={`${ids}-linger`}
            type="number"
            min={0}
            max={3600}
            value={lingerSeconds}
            onChange={(event) => setLingerSeconds(event.target.value)}
            className="h-8 w-24 rounded-md border border-border bg-bg px-1.5"
            aria-describedby={`${ids}-linger-unit`}
          />
          <span id={`${ids}-linger-unit`} className="text-xs text-fg-muted">
            {labels.lingerSeconds}
          </span>
          <Button
            size="sm"
            variant="secondary"
            aria-label={words.setOption("SO_LINGER", host)}
            onClick={() => onSet(host, "SO_LINGER", { onoff: lingerOn ? 1 : 0, linger: Math.min(3600, Math.max(0, Math.round(Number(lingerSeconds)) || 0)) })}
          >
            {words.calls.setsockopt.label}
          </Button>
        </div>
      </div>
    </details>
  );
}
