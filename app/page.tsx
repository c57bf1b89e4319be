import type { Metadata } from "next";
import { HomePage } from "@/components/home/home-page";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  alternates: pageAlternates("/", "en"),
};

export default function EnglishHomePage() {
  return <HomePage locale="en" />;
}
