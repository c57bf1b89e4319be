import { SignInPage, signInMetadata } from "@/components/auth/auth-pages";

export const metadata = signInMetadata("en");

export default function EnglishSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <SignInPage locale="en" searchParams={searchParams} />;
}
