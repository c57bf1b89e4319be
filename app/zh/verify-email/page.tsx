import { VerifyEmailPage, verifyEmailMetadata } from "@/components/auth/verify-email-page";
import type { AuthPageProps } from "@/components/auth/auth-pages";

export const metadata = verifyEmailMetadata("zh");

export default function ChineseVerifyEmailPage({ searchParams }: AuthPageProps) {
  return <VerifyEmailPage locale="zh" searchParams={searchParams} />;
}
