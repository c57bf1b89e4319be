import { ReviewPage, reviewMetadata } from "@/components/review/review-page";

export const metadata = reviewMetadata("en");

export default function EnglishReviewPage() {
  return <ReviewPage locale="en" />;
}
