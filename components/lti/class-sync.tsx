"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Locale } from "@/domain/locale";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { ltiWords } from "@/lib/i18n/words/lti";
import type { ClassSyncView } from "@/lib/lti/views.server";
import { Alert } from "../ui/alert";
import { ResendButton, SyncCell } from "./sync-table";

/** Every student's LMS grade sync on every link of an LMS class (the class's "LMS" tab). */
export function ClassSyncTable({ view, locale }: { view: ClassSyncView; locale: Locale }) {
  const words = ltiWords(locale).sync;
  const lms = instructorWords(locale).lms;
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const done = (ok: boolean) => {
    setMessage({ ok, text: ok ? words.sent : words.failed });
    router.refresh();
  };
  if (view.links.length === 0) return <p>{lms.noLinks}</p>;
  return (
    <div>
      {message ? (
        <Alert tone={message.ok ? "success" : "danger"} className="mb-3">
          {message.text}
        </Alert>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{lms.caption}</caption>
          <thead>
            <tr className="border-b border-border">
              <th scope="col" className="py-2 pr-3 font-medium">
                {words.student}
              </th>
              {view.links.map((link) => (
                <th key={link.id} scope="col" className="py-2 pr-3 font-medium">
                  {link.title}
                  {link.points !== null ? <span className="block font-normal text-fg-muted">{lms.points(link.points)}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.students.map((student) => {
              const name = student.name ?? student.email;
              return (
                <tr key={student.userId} className="border-b border-border align-top">
                  <th scope="row" className="py-2 pr-3 font-normal">
                    {name}
                  </th>
                  {view.links.map((link) => {
                    const sync = student.syncs[link.id] ?? null;
                    return (
                      <td key={link.id} className="py-2 pr-3">
                        <SyncCell sync={sync} locale={locale} />
                        {sync ? (
                          <span className="mt-1 block">
                            <ResendButton jobId={sync.jobId} label={lms.resend(name, link.title)} locale={locale} onDone={done} />
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
