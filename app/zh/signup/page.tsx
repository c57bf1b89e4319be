import { SignUpPage, signUpMetadata } from "@/components/auth/auth-pages";

export const metadata = signUpMetadata("zh");

export default function ChineseSignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <SignUpPage locale="zh" searchParams={searchParams} />;
}
