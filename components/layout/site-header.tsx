import Link from "next/link";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

const NAV = [
  { href: "/course", label: "Course" },
  { href: "/playground", label: "Playground" },
  { href: "/about", label: "About" },
];

export function Logo() {
  return (
    <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
      <svg aria-hidden="true" width="26" height="26" viewBox="0 0 32 32">
        <rect width="32" height="32" rx="8" className="fill-accent" />
        <path d="M9 10h14M9 16h9M9 22h14" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" className="text-accent-fg" />
      </svg>
      <span>
        SYN <span className="text-fg-muted">to</span> FIN
      </span>
    </Link>
  );
}

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-bg/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
        <Logo />
        <nav aria-label="Main" className="hidden items-center gap-1 sm:flex">
          {NAV.map((item) => (
            <Link key={item.href} href={item.href} className="rounded-md px-2.5 py-1.5 text-sm text-fg-muted hover:bg-bg-sunken hover:text-fg">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-1">
          <ThemeToggle />
          <UserMenu />
        </div>
      </div>
      <nav aria-label="Main (compact)" className="flex gap-1 overflow-x-auto border-t border-border px-3 py-1.5 sm:hidden">
        {NAV.map((item) => (
          <Link key={item.href} href={item.href} className="rounded-md px-2.5 py-1 text-sm text-fg-muted hover:bg-bg-sunken">
            {item.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
