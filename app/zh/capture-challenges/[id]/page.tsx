import { CaptureChallengePage, captureChallengeMetadata } from "@/components/capture-challenges/capture-challenge-page";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params) {
  return captureChallengeMetadata((await params).id, "zh");
}

export default async function ChineseCaptureChallengePage({ params }: Params) {
  return <CaptureChallengePage id={(await params).id} locale="zh" />;
}
