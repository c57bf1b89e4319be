import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURE_DIR = fileURLToPath(new URL("../../../fixtures/captures/", import.meta.url));

export interface ManifestEntry {
  file: string;
  description: string;
  parts: { expected: string; compareTimes: boolean }[];
}

export interface ExpectedConnection {
  client: string;
  server: string;
  roleBasis: string;
  start: string;
  isn: { client: number | null; server: number | null };
  segments: ({ frame: number; t: number } & Record<string, unknown>)[];
  states: { client: string[]; server: string[] };
}

export interface KernelObservation {
  step: string;
  client: string | null;
  server: string | null;
  listener: string | null;
}

export interface Scenario {
  name: string;
  description: string;
  connections: { states: { client: string[]; server: string[] } }[];
  kernelObservations?: KernelObservation[];
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURE_DIR + name));
}

export function fixtureJson<T>(name: string): T {
  return JSON.parse(readFileSync(FIXTURE_DIR + name, "utf8")) as T;
}

export function manifest(): ManifestEntry[] {
  return fixtureJson<{ captures: ManifestEntry[] }>("manifest.json").captures;
}

/** Every capture file in the manifest (the real recordings and their re-wrapped variants). */
export function captureFiles(): string[] {
  return manifest().map((entry) => entry.file);
}
