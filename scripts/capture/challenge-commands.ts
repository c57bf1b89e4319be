// Prints the Linux commands every capture challenge shows, for the fixed values the test
// captures use, as JSON: { values, challenges: { id: steps } }. Read by challenge_captures.py.
import { COMMANDS } from "@/domain/capture-challenges/commands";
import { TEST_CAPTURE_VALUES } from "@/domain/capture-challenges/test-values";

const challenges = Object.fromEntries(Object.entries(COMMANDS).map(([id, recipe]) => [id, recipe(TEST_CAPTURE_VALUES, "linux")]));
process.stdout.write(`${JSON.stringify({ values: TEST_CAPTURE_VALUES, challenges }, null, 2)}\n`);
