import type { ReactNode } from "react";
import { ClassShell } from "@/components/instructor/class-shell";

export default async function ChineseClassLayout({ children, params }: { children: ReactNode; params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  return (
    <ClassShell locale="zh" classId={classId}>
      {children}
    </ClassShell>
  );
}
