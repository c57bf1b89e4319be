/**
 * tcp CLI:
 *   tcp simulate FILE.json [--events] [--pretty]
 *   tcp lab timewait|synflood FILE.json [--pretty]
 *   tcp pcap FILE            (capture reader, cli/pcap-command.ts)
 * Prints one JSON object on stdout. Bad input: a message on stderr and exit code 2.
 */
import { fileURLToPath } from "node:url";
import { readValidated, UsageError } from "./tcp-input";

const USAGE = `usage:
  tcp simulate FILE.json [--events] [--pretty]
  tcp lab timewait FILE.json [--pretty]
  tcp lab synflood FILE.json [--pretty]
  tcp pcap FILE`;

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "simulate":
        return await simulate(rest, io);
      case "lab":
        return await lab(rest, io);
      case "pcap":
        return await pcap(rest);
      case undefined:
      case "help":
      case "--help":
        io.err(USAGE);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`tcp: ${error.message}`);
      return EXIT_USAGE;
    }
    io.err(`tcp: internal error: ${(error as Error).message ?? String(error)}`);
    return EXIT_FAILURE;
  }
}

function splitFlags(args: string[], allowed: readonly string[]): { positional: string[]; flags: Set<string> } {
  const flags = new Set<string>();
  const positional: string[] = [];
  for (const arg of args) {
    if (arg.startsWith("--")) {
      if (!allowed.includes(arg)) throw new UsageError(`unknown option ${arg}\n${USAGE}`);
      flags.add(arg);
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

function oneFile(positional: string[]): string {
  const [file, ...extra] = positional;
  if (file === undefined || extra.length > 0) throw new UsageError(`expected exactly one input file\n${USAGE}`);
  return file;
}

function print(io: Io, value: unknown, pretty: boolean): void {
  io.out(JSON.stringify(value, null, pretty ? 2 : undefined));
}

// Each command loads what it needs when it runs: `tcp pcap` starts without the engine and zod.

async function simulate(args: string[], io: Io): Promise<number> {
  const { positional, flags } = splitFlags(args, ["--events", "--pretty"]);
  const [{ outputOf, runScenario }, { parseScenario }] = await Promise.all([import("../domain/tcp/scenario"), import("../domain/tcp/schemas")]);
  const scenario = await readValidated(oneFile(positional), parseScenario);
  const result = runScenario(scenario);
  print(io, flags.has("--events") ? result : outputOf(result), flags.has("--pretty"));
  return EXIT_OK;
}

async function lab(args: string[], io: Io): Promise<number> {
  const { positional, flags } = splitFlags(args, ["--pretty"]);
  const [which, ...files] = positional;
  const file = oneFile(files);
  const pretty = flags.has("--pretty");
  if (which === "timewait") {
    const [{ runTimeWaitLab }, { parseTimeWaitLab }] = await Promise.all([import("../domain/tcp/labs/time-wait-lab"), import("../domain/tcp/schemas")]);
    print(io, runTimeWaitLab(await readValidated(file, parseTimeWaitLab)), pretty);
  } else if (which === "synflood") {
    const [{ runSynBacklogLab }, { parseSynBacklogLab }] = await Promise.all([import("../domain/tcp/labs/syn-backlog-lab"), import("../domain/tcp/schemas")]);
    print(io, runSynBacklogLab(await readValidated(file, parseSynBacklogLab)), pretty);
  } else {
    throw new UsageError(`unknown lab "${which ?? ""}" (expected timewait or synflood)\n${USAGE}`);
  }
  return EXIT_OK;
}

/** Loaded only for `pcap`, so the other commands start without the capture reader. */
async function pcap(args: string[]): Promise<number> {
  const { runPcapCommand } = await import("./pcap-command");
  return runPcapCommand(args);
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const code = await main(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
  process.exitCode = code;
}
