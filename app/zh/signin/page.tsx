import { SignInPage, signInMetadata } from "@/components/auth/auth-pages";

export const metadata = signInMetadata("zh");

export default function ChineseSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <SignInPage locale="zh" searchParams={searchParams} />;
}
