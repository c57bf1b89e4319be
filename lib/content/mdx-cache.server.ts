import "server-only";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Compiled lessons keyed by a hash of their sources and the compiler version: an unchanged
 * lesson is compiled once, then read back by every build worker and server process.
 */
export class MdxCache<T> {
  readonly stats = { hits: 0, misses: 0 };
  private readonly memory = new Map<string, Promise<T>>();

  constructor(private readonly directory: string) {}

  static key(parts: Array<string | Buffer>): string {
    const hash = createHash("sha256");
    for (const part of parts) {
      hash.update(part);
      hash.update("\0");
    }
    return hash.digest("hex");
  }

  /** Returns the cached value for `key`, or computes, stores and returns it exactly once. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const inMemory = this.memory.get(key);
    if (inMemory) {
      this.stats.hits++;
      return inMemory;
    }
    const file = path.join(this.directory, `${key}.json`);
    const fromDisk = this.readFile(file);
    if (fromDisk !== undefined) {
      this.stats.hits++;
      const resolved = Promise.resolve(fromDisk);
      this.memory.set(key, resolved);
      return resolved;
    }
    this.stats.misses++;
    const pending = compute().then((value) => {
      this.writeFile(file, value);
      return value;
    });
    // A failed compile must not be cached: the author fixes the lesson and tries again.
    pending.catch(() => this.memory.delete(key));
    this.memory.set(key, pending);
    return pending;
  }

  private readFile(file: string): T | undefined {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as T;
    } catch {
      return undefined;
    }
  }

  private writeFile(file: string, value: T) {
    try {
      mkdirSync(this.directory, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(value));
      renameSync(temporary, file); // atomic: readers never see half a file
    } catch {
      // A read-only filesystem only costs recompiling in the next process.
    }
  }
}
