import type { Metadata } from "next";
import type { ReactNode } from "react";
import { LtiFrame } from "@/components/lti/lti-frame";

// Pages shown inside an LMS: framed only by registered LMS origins (proxy.ts), never indexed.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function LtiLayout({ children }: { children: ReactNode }) {
  return <LtiFrame locale="zh">{children}</LtiFrame>;
}
