import "server-only";
/**
 * Calls from the tool to an LMS (key sets, tokens, grades, rosters): bounded in time and size,
 * so an LMS that hangs or answers with megabytes of junk costs one request its timeout and
 * nothing else.
 */

export type LmsResponse = { status: number; headers: Headers; text: string };

export class LmsUnreachableError extends Error {
  readonly reason: "timeout" | "network" | "too-large";
  constructor(reason: "timeout" | "network" | "too-large", message: string) {
    super(message);
    this.name = "LmsUnreachableError";
    this.reason = reason;
  }
}

export const DEFAULT_LMS_TIMEOUT_MS = 10_000;
export const DEFAULT_LMS_MAX_BYTES = 2 * 1024 * 1024;

export async function fetchLms(
  url: string,
  init: RequestInit = {},
  { timeoutMs = DEFAULT_LMS_TIMEOUT_MS, maxBytes = DEFAULT_LMS_MAX_BYTES }: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<LmsResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, { ...init, redirect: "error", signal: controller.signal, cache: "no-store" });
    } catch (error) {
      if (controller.signal.aborted) throw new LmsUnreachableError("timeout", `${url} did not answer within ${timeoutMs / 1000} s`);
      throw new LmsUnreachableError("network", `${url} could not be reached (${(error as Error).cause ? String((error as Error & { cause: unknown }).cause) : (error as Error).message})`);
    }
    const length = Number(response.headers.get("content-length") ?? "0");
    if (length > maxBytes) {
      await response.body?.cancel();
      throw new LmsUnreachableError("too-large", `${url} answered with ${length} bytes (at most ${maxBytes})`);
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    if (response.body) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value.byteLength;
          if (received > maxBytes) {
            await reader.cancel();
            throw new LmsUnreachableError("too-large", `${url} answered with more than ${maxBytes} bytes`);
          }
          chunks.push(value);
        }
      } catch (error) {
        if (error instanceof LmsUnreachableError) throw error;
        if (controller.signal.aborted) throw new LmsUnreachableError("timeout", `${url} did not finish answering within ${timeoutMs / 1000} s`);
        throw new LmsUnreachableError("network", `${url} broke off its answer (${(error as Error).message})`);
      }
    }
    return { status: response.status, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") };
  } finally {
    clearTimeout(timer);
  }
}

/** JSON body of an LMS answer, or null when it is not JSON. */
export function jsonOf(response: LmsResponse): unknown {
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    return null;
  }
}
