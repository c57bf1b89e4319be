import { IntentLink } from "../ui/intent-link";
import type { ComponentProps } from "react";

/** Internal links use client navigation (fetched when the reader heads for them, ADR 1510); external ones open normally and say where they go. */
export function MdxLink({ href = "", children, ...props }: ComponentProps<"a">) {
  if (href.startsWith("/") || href.startsWith("#")) {
    return (
      <IntentLink href={href} {...props}>
        {children}
      </IntentLink>
    );
  }
  return (
    <a href={href} rel="noopener noreferrer" {...props}>
      {children}
    </a>
  );
}
