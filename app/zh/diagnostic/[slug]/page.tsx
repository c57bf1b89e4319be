import type { Metadata } from "next";
import { DiagnosticPage, diagnosticMetadata } from "@/components/learning/diagnostic-page";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return diagnosticMetadata((await params).slug, "zh");
}

export default async function ChineseDiagnosticPage({ params }: Params) {
  return <DiagnosticPage slug={(await params).slug} locale="zh" />;
}
