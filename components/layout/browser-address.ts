/**
 * Writes the page's address without a navigation. The history state is null, not
 * `history.state`: Next.js only adopts an address it did not make when the state is not its own,
 * and otherwise restores its old one on its next refresh (a Server Action that sets a cookie
 * triggers one).
 */
export function replaceAddress(url: string | URL): void {
  window.history.replaceState(null, "", url);
}

/** Adds an entry for `url` to the history, adopted by Next.js as `replaceAddress` explains. */
export function pushAddress(url: string): void {
  window.history.pushState(null, "", url);
}
