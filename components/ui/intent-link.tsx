"use client";

// The router itself, as next/link reads it: null where a page is rendered outside Next (the lesson reference in tests).
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { useContext, type ComponentProps, type FocusEvent, type MouseEvent, type TouchEvent } from "react";

type IntentLinkProps = Omit<ComponentProps<"a">, "href"> & { href: string };

/**
 * A link inside the site that the router follows without reloading the page, and whose page is
 * fetched when the reader heads for it (pointer over it, focus, touch) rather than when it comes
 * into view. It is what `next/link` does on the pages every reader opens (the chrome, lessons,
 * not-found) for a tenth of its code (ADR 1510); `next/link` stays where prefetching every link
 * in view pays, as on the course index.
 */
export function IntentLink({ href, onClick, onMouseEnter, onFocus, onTouchStart, ...props }: IntentLinkProps) {
  const router = useContext(AppRouterContext);
  const prefetch = () => router?.prefetch(href);

  function follow(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    // New tabs, downloads and modified clicks stay the browser's.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (!router || props.target || props.download !== undefined) return;
    event.preventDefault();
    router.push(href);
  }

  return (
    <a
      href={href}
      onClick={follow}
      onMouseEnter={(event: MouseEvent<HTMLAnchorElement>) => {
        prefetch();
        onMouseEnter?.(event);
      }}
      onFocus={(event: FocusEvent<HTMLAnchorElement>) => {
        prefetch();
        onFocus?.(event);
      }}
      onTouchStart={(event: TouchEvent<HTMLAnchorElement>) => {
        prefetch();
        onTouchStart?.(event);
      }}
      {...props}
    />
  );
}
