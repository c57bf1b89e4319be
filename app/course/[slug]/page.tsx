import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Attribution } from "@/components/lesson/attribution";
import { LessonBody } from "@/components/lesson/lesson-body";
import { LessonNav } from "@/components/lesson/lesson-nav";
import { LessonCompletion, LessonProgressProvider, ResumeBanner } from "@/components/lesson/lesson-progress";
import { TableOfContents } from "@/components/lesson/table-of-contents";
import { getLesson, listLessons, neighbours } from "@/lib/content/lessons.server";

type Params = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return listLessons("en").map((lesson) => ({ slug: lesson.slug }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lesson = await getLesson((await params).slug);
  return lesson ? { title: lesson.frontmatter.title, description: lesson.frontmatter.summary } : {};
}

export default async function LessonPage({ params }: Params) {
  const { slug } = await params;
  const lesson = await getLesson(slug);
  if (!lesson) notFound();
  const { frontmatter, toc, code } = lesson;
  const { previous, next } = neighbours(slug);
  const headings = toc.filter((entry) => entry.depth === 2).map(({ id, title }) => ({ id, title }));
  const href = `/course/${slug}`;

  return (
    <LessonProgressProvider slug={slug} headings={headings}>
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-10 lg:grid-cols-[minmax(0,1fr)_15rem]">
        <article className="min-w-0 max-w-3xl">
          <nav aria-label="Breadcrumb" className="mb-4 text-sm text-fg-muted">
            <Link href="/course" className="hover:text-fg">
              Course
            </Link>{" "}
            / Lesson {frontmatter.order}
          </nav>
          <header className="mb-8">
            <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{frontmatter.title}</h1>
            <p className="mt-3 text-lg text-fg-muted">{frontmatter.summary}</p>
            <p className="mt-3 text-sm text-fg-muted">About {frontmatter.minutes} minutes</p>
          </header>
          <ResumeBanner />
          <section aria-labelledby="objectives-title" className="mb-10 rounded-xl border border-border bg-bg-elevated p-5">
            <h2 id="objectives-title" className="mb-2 font-semibold">
              By the end of this lesson you can
            </h2>
            <ul className="list-disc space-y-1 pl-5">
              {frontmatter.objectives.map((objective) => (
                <li key={objective}>{objective}</li>
              ))}
            </ul>
          </section>
          <div className="prose">
            <LessonBody code={code} />
          </div>
          <div id="lesson-end" className="mt-12 space-y-6 border-t border-border pt-8">
            <LessonCompletion signInHref={`/signin?callbackUrl=${encodeURIComponent(href)}`} />
            <Attribution />
            <LessonNav previous={previous} next={next} hrefFor={(s) => `/course/${s}`} />
          </div>
        </article>
        <aside className="hidden lg:block">
          <div className="sticky top-20">
            <TableOfContents entries={toc} />
          </div>
        </aside>
      </div>
    </LessonProgressProvider>
  );
}
