import Link from "next/link";
import { HandshakeIllustration } from "@/components/layout/handshake-illustration";
import { ButtonLink } from "@/components/ui/button";
import { listLessons } from "@/lib/content/lessons.server";

const FEATURES = [
  {
    title: "A real TCP state machine",
    text: "Step through handshakes and teardowns segment by segment, drop packets and watch retransmissions — the simulator follows RFC 9293 and Linux's timers.",
  },
  {
    title: "Quizzes graded on the server",
    text: "Set the flags, name the state, compute the next sequence number. Fresh variants every attempt, with feedback on each answer.",
  },
  {
    title: "Built for classes",
    text: "Instructors create classes, assign lessons, quizzes and simulator challenges, and see who did what.",
  },
  {
    title: "Right about today's Linux",
    text: "tcp_tw_recycle is gone, tcp_fin_timeout is not TIME_WAIT. Where the source article is out of date, the course says so.",
  },
];

export default function HomePage() {
  const lessons = listLessons("en");
  return (
    <div>
      <section className="mx-auto grid max-w-6xl items-center gap-10 px-4 py-16 md:grid-cols-[1.2fr_1fr] md:py-24">
        <div>
          <p className="font-mono text-sm text-accent">SYN → SYN+ACK → ACK … FIN → ACK</p>
          <h1 className="mt-3 text-4xl font-semibold tracking-tight sm:text-5xl">Learn how TCP opens and closes connections.</h1>
          <p className="mt-5 max-w-xl text-lg text-fg-muted">
            The three-way handshake, the four-way teardown, CLOSE_WAIT leaks and TIME_WAIT storms — explained, simulated and
            checked against real Linux captures.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <ButtonLink href={lessons[0] ? `/course/${lessons[0].slug}` : "/course"}>Start the first lesson</ButtonLink>
            <ButtonLink href="/signup" variant="secondary">
              Create a free account
            </ButtonLink>
          </div>
        </div>
        <div className="flex justify-center rounded-2xl border border-border bg-bg-elevated p-6">
          <HandshakeIllustration />
        </div>
      </section>
      <section aria-labelledby="features" className="border-y border-border bg-bg-sunken">
        <div className="mx-auto max-w-6xl px-4 py-14">
          <h2 id="features" className="sr-only">
            What you get
          </h2>
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {FEATURES.map((feature) => (
              <li key={feature.title}>
                <h3 className="font-semibold">{feature.title}</h3>
                <p className="mt-2 text-sm leading-relaxed text-fg-muted">{feature.text}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <section aria-labelledby="outline" className="mx-auto max-w-6xl px-4 py-14">
        <h2 id="outline" className="text-2xl font-semibold">
          The course
        </h2>
        <ol className="mt-6 grid gap-4 md:grid-cols-2">
          {lessons.map((lesson) => (
            <li key={lesson.slug}>
              <Link href={`/course/${lesson.slug}`} className="block rounded-xl border border-border bg-bg-elevated p-5 hover:border-accent/60">
                <span className="font-mono text-sm text-fg-muted">Lesson {lesson.order}</span>
                <span className="mt-1 block font-semibold">{lesson.title}</span>
                <span className="mt-1 block text-sm text-fg-muted">{lesson.summary}</span>
              </Link>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
