// Types for eslint/architecture.mjs (plain JavaScript, loaded by ESLint's configuration).
export const FLOORS: Readonly<Record<"domain" | "content" | "lib" | "components" | "app", number>>;
export type Floor = keyof typeof FLOORS;
export function floorOf(relativePath: string): Floor | undefined;
export function mayImport(from: Floor | undefined, to: Floor | undefined): boolean;
export function resolveImport(root: string, fromFile: string, specifier: string): string | undefined;
export function isServerModule(file: string, source?: string): boolean;
export function directiveOf(source: string): "use client" | "use server" | undefined;
export const architecturePlugin: { rules: Record<string, unknown> };
