import type { Metadata } from "next";
import { JoinCodeForm } from "@/components/instructor/join-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session.server";
import { joinByCodeAction } from "@/lib/classes/join-actions";

export const metadata: Metadata = { title: "Join a class" };

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  await requireUser(code ? `/join?code=${encodeURIComponent(code)}` : "/join");
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Join a class</h1>
      <p className="mt-2 text-fg-muted">Your instructor&apos;s assignments then appear on your dashboard.</p>
      <Card className="mt-8">
        <JoinCodeForm action={joinByCodeAction} initialCode={typeof code === "string" ? code.slice(0, 32) : ""} />
      </Card>
    </div>
  );
}
