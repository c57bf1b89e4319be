"use client";

import type MiniSearch from "minisearch";
import type { SearchResult } from "minisearch";
import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { searchWords } from "@/lib/i18n/words/search";
import { replaceAddress } from "./browser-address";
import { otherLocale, searchPath, type Locale } from "@/lib/i18n/paths";
import { QUERY_OPTIONS, SEARCH_OPTIONS, type SearchDocument, type SearchResultFields } from "@/domain/search/options";

const MAX_RESULTS = 30;

type Loaded = { state: "loading" } | { state: "ready"; index: MiniSearch<SearchDocument> } | { state: "failed" };

function searchIndexUrl(locale: Locale) {
  return `/search/index/${locale}.json`;
}

/**
 * The search page's form and results. The index (every lesson section and glossary entry in one
 * language) is fetched only here, built at build time; the query is kept in `?q=` so results can
 * be linked and the browser's back button returns to them.
 */
export function SiteSearch({ locale }: { locale: Locale }) {
  const words = searchWords(locale);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });

  useEffect(() => {
    const initial = new URLSearchParams(window.location.search).get("q") ?? "";
    // Reading the address once on arrival; the input is the source of truth afterwards.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (initial) setQuery(initial);
    input.current?.focus();
    let cancelled = false;
    // The search library comes with the index, not with the pages that link here (they prefetch this one).
    Promise.all([
      fetch(searchIndexUrl(locale)).then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status))))),
      import("minisearch"),
    ])
      .then(([json, { default: MiniSearchIndex }]) => {
        if (!cancelled) setLoaded({ state: "ready", index: MiniSearchIndex.loadJSON<SearchDocument>(json, SEARCH_OPTIONS) });
      })
      .catch(() => {
        if (!cancelled) setLoaded({ state: "failed" });
      });
    return () => {
      cancelled = true;
    };
  }, [locale]);

  const trimmed = query.trim();
  const results = useMemo(() => {
    if (loaded.state !== "ready" || trimmed.length < 2) return [];
    let found: SearchResult[] = loaded.index.search(trimmed, QUERY_OPTIONS);
    // Nothing with every word: show what matches some of them rather than nothing.
    if (found.length === 0) found = loaded.index.search(trimmed, { ...QUERY_OPTIONS, combineWith: "OR" });
    return found.slice(0, MAX_RESULTS) as Array<SearchResult & SearchResultFields>;
  }, [loaded, trimmed]);

  function update(value: string) {
    setQuery(value);
    const url = new URL(window.location.href);
    if (value.trim()) url.searchParams.set("q", value.trim());
    else url.searchParams.delete("q");
    replaceAddress(url);
  }

  let status: string;
  if (loaded.state === "loading") status = words.loading;
  else if (loaded.state === "failed") status = words.failed;
  else if (trimmed.length < 2) status = words.empty;
  else status = results.length ? words.results(results.length, trimmed) : words.none(trimmed);

  return (
    <div>
      <form role="search" onSubmit={(event) => event.preventDefault()} className="mt-6">
        <label htmlFor={inputId} className="block text-sm font-medium">
          {words.label}
        </label>
        <input
          ref={input}
          id={inputId}
          type="search"
          name="q"
          value={query}
          onChange={(event) => update(event.target.value)}
          placeholder={words.placeholder}
          autoComplete="off"
          spellCheck={false}
          className="mt-2 h-11 w-full rounded-lg border border-border bg-bg-elevated px-3 text-base outline-none focus:border-accent focus-visible:outline-2 focus-visible:outline-offset-2"
        />
      </form>
      <p className="mt-2 text-sm text-fg-muted">
        {words.hint}{" "}
        <Link href={`${searchPath(otherLocale(locale))}${trimmed ? `?q=${encodeURIComponent(trimmed)}` : ""}`} className="underline underline-offset-2">
          {words.otherLanguage}
        </Link>
      </p>
      <p role="status" aria-live="polite" className="mt-6 text-sm font-medium text-fg-muted">
        {status}
      </p>
      {results.length > 0 ? (
        <ol className="mt-4 space-y-3">
          {results.map((result) => (
            <li key={result.id}>
              <Link href={result.url} className="block rounded-xl border border-border bg-bg-elevated p-4 hover:border-accent/60">
                <span className="block text-sm text-fg-muted">
                  {result.kind === "glossary" ? words.glossaryResult : result.group}
                </span>
                <span className="mt-0.5 block font-semibold text-accent">{result.heading}</span>
                <span className="mt-1 block text-sm text-fg-muted">{result.excerpt}</span>
              </Link>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
