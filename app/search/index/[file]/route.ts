import { buildSearchIndex } from "@/lib/search/build-index.server";
import { LOCALES, isLocale } from "@/domain/locale";

// Built once at build time from the compiled lessons; the search page fetches it on demand.
export const dynamic = "force-static";
export const dynamicParams = false;

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ file: `${locale}.json` }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const locale = (await params).file.replace(/\.json$/, "");
  if (!isLocale(locale)) return new Response("Not found", { status: 404 });
  return new Response(await buildSearchIndex(locale), { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
