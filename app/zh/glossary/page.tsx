import type { Metadata } from "next";
import { GlossaryPage } from "@/components/lesson/glossary-page";

export const metadata: Metadata = {
  title: "术语表",
  description: "TCP 状态、首部标志位、Linux 内核参数及相关概念，附模拟器使用的默认值。",
  alternates: { canonical: "/zh/glossary", languages: { en: "/glossary", "zh-CN": "/zh/glossary", "x-default": "/glossary" } },
};

export default function ChineseGlossaryPage() {
  return <GlossaryPage locale="zh" />;
}
