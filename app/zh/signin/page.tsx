import { SignInPage, signInMetadata, type AuthPageProps } from "@/components/auth/auth-pages";

export const metadata = signInMetadata("zh");

export default function ChineseSignInPage({ searchParams }: AuthPageProps) {
  return <SignInPage locale="zh" searchParams={searchParams} />;
}
