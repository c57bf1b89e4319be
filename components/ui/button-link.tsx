import Link from "next/link";
import type { ComponentProps } from "react";
import { buttonClass, type Size, type Variant } from "./button-class";

/**
 * A link that looks like a button, with `next/link`'s prefetching. Apart from button.tsx so the
 * client components that use `Button` do not bring `next/link` along (ADR 1510).
 */
export function ButtonLink({
  variant,
  size,
  className,
  ...props
}: ComponentProps<typeof Link> & { variant?: Variant; size?: Size }) {
  return <Link className={buttonClass(variant, size, className)} {...props} />;
}
