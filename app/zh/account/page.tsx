import { AccountPage, accountMetadata } from "@/components/auth/account-page";

export const metadata = accountMetadata("zh");

export default function ChineseAccountPage() {
  return <AccountPage locale="zh" />;
}
