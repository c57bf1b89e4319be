import { notFound } from "next/navigation";

// Unknown addresses under /zh get the Chinese "not found" page (app/zh/not-found.tsx).
export default function UnknownChinesePage() {
  notFound();
}
