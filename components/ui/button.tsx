import type { ComponentProps } from "react";
import { buttonClass, type Size, type Variant } from "./button-class";

export { buttonClass };

export function Button({
  variant,
  size,
  className,
  type = "button",
  ...props
}: ComponentProps<"button"> & { variant?: Variant; size?: Size }) {
  return <button type={type} className={buttonClass(variant, size, className)} {...props} />;
}
