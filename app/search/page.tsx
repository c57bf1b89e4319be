import type { Metadata } from "next";
import { SiteSearch } from "@/components/layout/site-search";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  title: "Search",
  alternates: pageAlternates("/search", "en"),
};

export default function EnglishSearchPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Search</h1>
      <SiteSearch locale="en" />
    </div>
  );
}
