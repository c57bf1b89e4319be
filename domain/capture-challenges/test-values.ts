import type { CaptureValues } from "./types";

/**
 * The values the committed test captures (tests/fixtures/capture-challenges) were recorded with.
 * Tests issue them to their learners; nothing in the app uses them.
 */
export const TEST_CAPTURE_VALUES: CaptureValues = { serverPort: 23456, clientPort: 14321, token: "syn2fin-k7m3q9xd" };
