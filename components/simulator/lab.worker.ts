/// <reference lib="webworker" />
import { runTask, type WorkerRequest } from "./worker-tasks";

/** Runs lab and capture tasks off the main thread; replies with the request's id. */
self.onmessage = (event: MessageEvent<{ id: number; request: WorkerRequest }>) => {
  const { id, request } = event.data;
  (self as unknown as Worker).postMessage({ id, response: runTask(request) });
};
