// A Node module-resolution hook for test runners that load server modules directly (Playwright's
// specs read quiz answer keys): `server-only` resolves as the server resolves it, to the package's
// empty "react-server" export. Registered by playwright.config.ts; vitest uses an alias instead.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}
