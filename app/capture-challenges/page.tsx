import { CaptureChallengeIndex, captureIndexMetadata } from "@/components/capture-challenges/capture-challenge-page";

export const metadata = captureIndexMetadata("en");

export default function EnglishCaptureChallengesPage() {
  return <CaptureChallengeIndex locale="en" />;
}
