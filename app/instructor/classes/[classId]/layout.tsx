import type { ReactNode } from "react";
import { ClassShell } from "@/components/instructor/class-shell";

export default async function EnglishClassLayout({ children, params }: { children: ReactNode; params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  return (
    <ClassShell locale="en" classId={classId}>
      {children}
    </ClassShell>
  );
}
