"use client";

/**
 * The quiz as lessons embed it: in the page's HTML as rendered by the server, its code loaded
 * when the reader approaches it (components/ui/on-demand.tsx, ADR 0950).
 */
import { onDemand } from "../ui/on-demand";

export const Quiz = onDemand(() => import("./quiz").then((module) => module.Quiz));
