import type { Metadata } from "next";
import { SiteSearch } from "@/components/layout/site-search";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  title: "搜索",
  alternates: pageAlternates("/search", "zh"),
};

export default function ChineseSearchPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">搜索</h1>
      <SiteSearch locale="zh" />
    </div>
  );
}
