import { SignUpPage, signUpMetadata, type AuthPageProps } from "@/components/auth/auth-pages";

export const metadata = signUpMetadata("en");

export default function EnglishSignUpPage({ searchParams }: AuthPageProps) {
  return <SignUpPage locale="en" searchParams={searchParams} />;
}
