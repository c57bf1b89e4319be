import { SignUpPage, signUpMetadata, type AuthPageProps } from "@/components/auth/auth-pages";

export const metadata = signUpMetadata("zh");

export default function ChineseSignUpPage({ searchParams }: AuthPageProps) {
  return <SignUpPage locale="zh" searchParams={searchParams} />;
}
