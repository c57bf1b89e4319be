import { ReviewPage, reviewMetadata } from "@/components/review/review-page";

export const metadata = reviewMetadata("zh");

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?assignment=<id>`: a "review until mastered" assignment to work toward (checked on the server). */
export default async function ChineseReviewPage({ searchParams }: Search) {
  const assignment = (await searchParams).assignment;
  const assignmentId = typeof assignment === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(assignment) ? assignment : null;
  return <ReviewPage locale="zh" assignmentId={assignmentId} />;
}
