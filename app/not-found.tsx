import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="font-mono text-sm text-fg-muted">RST</p>
      <h1 className="mt-2 text-3xl font-semibold">Nothing is listening on this page</h1>
      <p className="mt-3 text-fg-muted">The address you followed does not exist (any more).</p>
      <ButtonLink href="/course" className="mt-8">
        Go to the course
      </ButtonLink>
    </div>
  );
}
