import { SignInPage, signInMetadata, type AuthPageProps } from "@/components/auth/auth-pages";

export const metadata = signInMetadata("en");

export default function EnglishSignInPage({ searchParams }: AuthPageProps) {
  return <SignInPage locale="en" searchParams={searchParams} />;
}
