"use client";

import { Suspense, use, useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";

/** Loading starts when a component is within one window height of the visible area. */
const LOAD_AHEAD = "100% 0px";
/** Input inside a component that has not loaded yet loads it at once. */
const USE_EVENTS = ["pointerdown", "focusin", "keydown"] as const;

export type OnDemandProps<P> = P & {
  /** Shown where the component will be when the page was not rendered on the server (client navigation). */
  placeholder: ReactNode;
  /** Shown instead if its code cannot be loaded (offline, or a new deployment replaced it). */
  loadFailed: ReactNode;
  /** The reader asked for this part (a link naming it, a button that opened it): load its code at once, wherever it is. */
  eager?: boolean;
};

type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void };

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/**
 * Components on the page still waiting for their code. A reader moving with Tab gets them all:
 * their controls are disabled until then (ADR 0009), and Tab skips disabled controls, so one
 * still waiting when focus passes it could not be reached without going back.
 */
const waiting = new Set<() => void>();

function loadAllOnTab(event: KeyboardEvent) {
  if (event.key === "Tab") for (const start of [...waiting]) start();
}

function wait(start: () => void): () => void {
  if (waiting.size === 0) document.addEventListener("keydown", loadAllOnTab, true);
  waiting.add(start);
  return () => {
    waiting.delete(start);
    if (waiting.size === 0) document.removeEventListener("keydown", loadAllOnTab, true);
  };
}

/**
 * An interactive component whose code loads when the reader approaches it or uses it, not with
 * the page (ADR 0950). The server renders the real component into the page, so the HTML (text,
 * accessibility tree, size) is the component's own; in the browser it stays that server HTML,
 * inert like any control before hydration (ADR 0009), inside a Suspense boundary that React
 * hydrates once the code has arrived. A page rendered in the browser (client navigation) shows
 * `placeholder` there until then.
 *
 * Nothing above such a component may give React a new context value or new props for it after
 * the page has hydrated: React would then discard the server HTML it has not hydrated yet and
 * show the placeholder instead (the session and the lesson's progress reach components through
 * stores for that reason, lib/auth/browser-session.ts and components/lesson/lesson-progress.tsx).
 *
 * `load` imports the component, in a chunk of its own: in the browser when the reader comes near,
 * on the server at once (the boundary waits for it). React may still send a large boundary after
 * the rest of the page (its placeholder first, then the content and an inline script that swaps
 * it in before the page is shown); a browser that runs no script keeps the placeholder.
 *
 * The wrapper says how far it is in `data-on-demand`: "waiting", then "live" once the component
 * has hydrated (or rendered) in the browser, or "failed"; `data-on-demand-armed` appears when
 * the wrapper itself has hydrated and watches for the reader (which may be after the rest of the page).
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<OnDemandProps<P>> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const onServer = typeof window === "undefined";

  function loadOnce(): Promise<ComponentType<P>> {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  }

  // The server renders every page with the component in it: start loading it with the module.
  if (onServer) void loadOnce();

  function Loaded({ ready, props, onLive }: { ready: Promise<ComponentType<P>>; props: P; onLive: () => void }) {
    const Component = loaded ?? use(onServer ? loadOnce() : ready);
    useEffect(onLive, [onLive]);
    return <Component {...props} />;
  }

  function OnDemand({ placeholder, loadFailed, eager = false, ...props }: OnDemandProps<P>) {
    // Settled once, when the code is there: the boundary below then hydrates or renders.
    const [ready] = useState(() => deferred<ComponentType<P>>());
    const box = useRef<HTMLDivElement>(null);
    // Marks the wrapper directly: a state change here would re-render the boundary before it hydrates.
    const [markLive] = useState(() => () => {
      if (box.current?.dataset.onDemand === "waiting") box.current.dataset.onDemand = "live";
    });

    useEffect(() => {
      const element = box.current;
      if (element) element.dataset.onDemandArmed = "";
      if (loaded || !element) {
        if (loaded) ready.resolve(loaded);
        return;
      }
      let started = false;
      const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && start(), { rootMargin: LOAD_AHEAD });
      // React may reveal a streamed boundary after this wrapper has hydrated (it batches reveals for
      // up to a few hundred milliseconds): the placeholder's elements watched here are then replaced,
      // and the component's own elements must be watched instead.
      const replaced = new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) observer.observe(node);
      });
      replaced.observe(element, { childList: true });
      const stopWaiting = wait(start);
      function stop() {
        observer.disconnect();
        replaced.disconnect();
        stopWaiting();
        for (const type of USE_EVENTS) element!.removeEventListener(type, start, true);
      }
      function start() {
        if (started) return;
        started = true;
        stop();
        // Offline or a new deployment: say so in place (a later instance tries again).
        loadOnce().then(ready.resolve, () => {
          element!.dataset.onDemand = "failed";
          ready.resolve(() => loadFailed);
        });
      }
      // The box adds no layout (display: contents): what is watched is what it holds.
      for (const child of element.children) observer.observe(child);
      for (const type of USE_EVENTS) element.addEventListener(type, start, true);
      if (eager) start();
      return stop;
    }, [ready, loadFailed, eager]);

    return (
      <div ref={box} className="contents" data-on-demand="waiting">
        <Suspense fallback={placeholder}>
          <Loaded ready={ready.promise} props={props as P} onLive={markLive} />
        </Suspense>
      </div>
    );
  }
  return OnDemand;
}
