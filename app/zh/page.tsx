import type { Metadata } from "next";
import { HomePage } from "@/components/home/home-page";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  alternates: pageAlternates("/", "zh"),
};

export default function ChineseHomePage() {
  return <HomePage locale="zh" />;
}
