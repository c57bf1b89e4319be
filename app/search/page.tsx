import type { Metadata } from "next";
import { SiteSearch } from "@/components/layout/site-search";

export const metadata: Metadata = {
  title: "Search",
  alternates: { canonical: "/search", languages: { en: "/search", "zh-CN": "/zh/search", "x-default": "/search" } },
};

export default function EnglishSearchPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Search</h1>
      <SiteSearch locale="en" />
    </div>
  );
}
