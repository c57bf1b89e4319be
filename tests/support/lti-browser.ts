import type { LaunchOptions } from "@playwright/test";

/**
 * The LMS (127.0.0.1) frames the tool (localhost): a third-party frame whose cookies Chromium blocks.
 * Site isolation would put that frame in a process of its own, and Playwright now and then misses
 * such a frame when a form POST navigates it there (its content renders, yet no locator ever finds
 * it). Cookies, storage partitioning and frame-ancestors do not depend on the process model, so the
 * frame shares the LMS page's process here.
 */
export const LTI_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--test-third-party-cookie-phaseout",
    "--disable-site-isolation-trials",
    "--disable-features=IsolateOrigins,site-per-process",
  ],
};
