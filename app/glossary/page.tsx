import type { Metadata } from "next";
import { GlossaryPage } from "@/components/lesson/glossary-page";

export const metadata: Metadata = {
  title: "Glossary",
  description: "TCP states, header flags, Linux sysctls and the concepts around them, with the defaults the simulator uses.",
  alternates: { canonical: "/glossary", languages: { en: "/glossary", "zh-CN": "/zh/glossary", "x-default": "/glossary" } },
};

export default function EnglishGlossaryPage() {
  return <GlossaryPage locale="en" />;
}
