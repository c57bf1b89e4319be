import { SignUpPage, signUpMetadata } from "@/components/auth/auth-pages";

export const metadata = signUpMetadata("en");

export default function EnglishSignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <SignUpPage locale="en" searchParams={searchParams} />;
}
