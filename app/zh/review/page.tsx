import { ReviewPage, reviewMetadata } from "@/components/review/review-page";

export const metadata = reviewMetadata("zh");

export default function ChineseReviewPage() {
  return <ReviewPage locale="zh" />;
}
