import type { Metadata } from "next";
import { HomePage } from "@/components/home/home-page";

export const metadata: Metadata = {
  alternates: { canonical: "/zh", languages: { en: "/", "zh-CN": "/zh", "x-default": "/" } },
};

export default function ChineseHomePage() {
  return <HomePage locale="zh" />;
}
