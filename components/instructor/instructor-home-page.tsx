import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { timeZoneOptions } from "@/domain/gradebook/zoned-time";
import { LOCALE_LANG, type Locale } from "@/domain/locale";
import { requireInstructor } from "@/lib/auth/session.server";
import { createClassAction } from "@/lib/classes/instructor-actions";
import { listTeachingClasses } from "@/lib/classes/teaching.server";
import { localePath, pageAlternates } from "@/lib/i18n/paths";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { ClassForm } from "./class-form";
import { UserText } from "./user-text";

export function instructorHomeMetadata(locale: Locale): Metadata {
  return { title: instructorWords(locale).home.title, alternates: pageAlternates("/instructor", locale) };
}

/** The instructor's classes: create one, and each class with its code, students and assignments. */
export async function InstructorHomePage({ locale }: { locale: Locale }) {
  const user = await requireInstructor(localePath(locale, "/instructor"));
  const classes = await listTeachingClasses(user);
  const words = instructorWords(locale).home;
  const lang = LOCALE_LANG[locale];
  const link = "font-medium text-accent underline-offset-2 hover:underline";
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight">{words.heading}</h1>
      <p className="mt-2 text-fg-muted">{words.intro}</p>

      <Card className="mt-8">
        <h2 className="text-lg font-semibold">{words.create}</h2>
        <div className="mt-4">
          <ClassForm action={createClassAction} timeZones={timeZoneOptions()} submitLabel={words.createSubmit} locale={locale} />
        </div>
      </Card>

      {classes.length === 0 ? (
        <Card className="mt-6">
          <p>{words.none}</p>
        </Card>
      ) : (
        <ul className="mt-6 grid gap-6">
          {classes.map((classroom) => {
            const classPath = localePath(locale, `/instructor/classes/${classroom.id}`);
            return (
              <li key={classroom.id}>
                <Card>
                  <div className="flex flex-wrap items-center gap-3">
                    <h2 className="text-xl font-semibold">
                      <Link href={classPath} className="hover:text-accent hover:underline">
                        <UserText>{classroom.name}</UserText>
                      </Link>
                    </h2>
                    {classroom.archivedAt ? <Badge tone="warning">{words.archived}</Badge> : null}
                    {classroom.instructors[0]?.isOwner ? null : <Badge>{words.coInstructor}</Badge>}
                  </div>
                  <dl className="mt-3 grid gap-x-8 gap-y-1 text-sm sm:grid-cols-3">
                    <div>
                      <dt className="text-fg-muted">{words.joinCode}</dt>
                      <dd className="font-mono text-base font-semibold tracking-wider">{classroom.joinCode}</dd>
                    </div>
                    <div>
                      <dt className="text-fg-muted">{words.students}</dt>
                      <dd>{classroom._count.enrollments}</dd>
                    </div>
                    <div>
                      <dt className="text-fg-muted">{words.timeZone}</dt>
                      <dd>{classroom.timeZone}</dd>
                    </div>
                  </dl>
                  <h3 className="mt-5 font-medium">{words.assignments}</h3>
                  {classroom.assignments.length === 0 ? (
                    <p className="text-sm text-fg-muted">{words.noAssignments}</p>
                  ) : (
                    <ul className="mt-2 space-y-1 text-sm">
                      {classroom.assignments.map((assignment) => (
                        <li key={assignment.id}>
                          <UserText>{assignment.title}</UserText> · {words.due} <LocalTime iso={assignment.dueAt.toISOString()} timeZone={classroom.timeZone} lang={lang} /> ·{" "}
                          {assignment.ungraded ? words.ungraded : words.points(assignment.points)}
                        </li>
                      ))}
                    </ul>
                  )}
                  <div className="mt-4 flex flex-wrap gap-3 text-sm">
                    <Link href={classPath} className={link}>
                      {words.manage.visible}{" "}
                      <span className="sr-only">
                        {words.manage.before}
                        <UserText>{classroom.name}</UserText>
                        {words.manage.after}
                      </span>
                    </Link>
                    <Link href={`${classPath}/gradebook`} className={link}>
                      {words.gradebook.visible}{" "}
                      <span className="sr-only">
                        {words.gradebook.before}
                        <UserText>{classroom.name}</UserText>
                        {words.gradebook.after}
                      </span>
                    </Link>
                  </div>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
