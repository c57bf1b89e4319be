// `node --import ./tests/support/server-only-register.mjs …`: lets a script run outside Next (the
// lesson reference of tests/e2e/lesson-content.spec.ts) load server modules while React keeps its
// client build, which `--conditions=react-server` would replace (see server-only-resolve.mjs).
import { register } from "node:module";

register("./server-only-resolve.mjs", import.meta.url);
