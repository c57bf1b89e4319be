import { CaptureChallengeIndex, captureIndexMetadata } from "@/components/capture-challenges/capture-challenge-page";

export const metadata = captureIndexMetadata("zh");

export default function ChineseCaptureChallengesPage() {
  return <CaptureChallengeIndex locale="zh" />;
}
