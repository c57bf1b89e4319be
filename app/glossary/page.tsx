import type { Metadata } from "next";
import { GlossaryPage } from "@/components/lesson/glossary-page";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  title: "Glossary",
  description: "TCP states, header flags, Linux sysctls and the concepts around them, with the defaults the simulator uses.",
  alternates: pageAlternates("/glossary", "en"),
};

export default function EnglishGlossaryPage() {
  return <GlossaryPage locale="en" />;
}
