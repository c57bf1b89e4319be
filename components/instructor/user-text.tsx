/**
 * Text someone typed (a class name, an assignment title, a student's name), isolated from the
 * text around it: whatever direction characters it holds, it cannot reorder the line it sits in
 * (a title cannot make a date or a score beside it read backwards). Stored text is cleaned too
 * (domain/gradebook/text.ts); this also covers names typed elsewhere and older rows.
 */
export function UserText({ children, className }: { children: string | null | undefined; className?: string }) {
  return (
    <bdi dir="auto" className={className}>
      {children ?? ""}
    </bdi>
  );
}
