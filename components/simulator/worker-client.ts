"use client";

import type { WorkerRequest, WorkerResponse } from "./worker-protocol";

type Pending = (response: WorkerResponse) => void;

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function sharedWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(/* webpackChunkName: "lab.worker" */ new URL("./lab.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<{ id: number; response: WorkerResponse }>) => {
      pending.get(event.data.id)?.(event.data.response);
      pending.delete(event.data.id);
    };
    worker.onerror = () => {
      // A broken worker: answer what is waiting and stop using it.
      worker?.terminate();
      worker = null;
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve({ kind: "error", message: "The background worker failed; reload the page to try again.", offset: null, reason: "worker-failed" });
      }
    };
  } catch {
    worker = null;
  }
  return worker;
}

const NO_WORKER: WorkerResponse = {
  kind: "error",
  message: "This needs a Web Worker (the work runs off the page so it stays responsive), and this browser did not start one.",
  offset: null,
  reason: "no-worker",
};

/** Runs a task in the shared worker (one for the page: labs and the capture viewer take turns in it). */
export function runInWorker(request: WorkerRequest, transfer: Transferable[] = []): Promise<WorkerResponse> {
  const target = typeof Worker === "undefined" ? null : sharedWorker();
  if (target === null) return Promise.resolve(NO_WORKER);
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    target.postMessage({ id, request }, transfer);
  });
}
