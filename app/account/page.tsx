import { AccountPage, accountMetadata } from "@/components/auth/account-page";

export const metadata = accountMetadata("en");

export default function EnglishAccountPage() {
  return <AccountPage locale="en" />;
}
