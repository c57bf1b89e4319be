import { VerifyEmailPage, verifyEmailMetadata } from "@/components/auth/verify-email-page";
import type { AuthPageProps } from "@/components/auth/auth-pages";

export const metadata = verifyEmailMetadata("en");

export default function EnglishVerifyEmailPage({ searchParams }: AuthPageProps) {
  return <VerifyEmailPage locale="en" searchParams={searchParams} />;
}
