import type { Metadata } from "next";
import { GlossaryPage } from "@/components/lesson/glossary-page";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  title: "术语表",
  description: "TCP 状态、首部标志位、Linux 内核参数及相关概念，附模拟器使用的默认值。",
  alternates: pageAlternates("/glossary", "zh"),
};

export default function ChineseGlossaryPage() {
  return <GlossaryPage locale="zh" />;
}
