import { cn } from "./cn";

/** The buttons' classes, apart from the components: the header's account links use them on every page. */
export type Variant = "primary" | "secondary" | "ghost" | "danger";
export type Size = "sm" | "md";

const base =
  "inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors " +
  "disabled:cursor-not-allowed disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2";
const variants: Record<Variant, string> = {
  primary: "bg-accent text-accent-fg hover:brightness-110",
  secondary: "border border-border bg-bg-elevated text-fg hover:bg-bg-sunken",
  ghost: "text-fg hover:bg-bg-sunken",
  danger: "bg-danger text-white hover:brightness-110 dark:text-black",
};
const sizes: Record<Size, string> = { sm: "h-8 px-3 text-sm", md: "h-10 px-4 text-[0.95rem]" };

export function buttonClass(variant: Variant = "primary", size: Size = "md", extra?: string) {
  return cn(base, variants[variant], sizes[size], extra);
}
