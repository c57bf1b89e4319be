import { buttonClass } from "@/components/ui/button-class";
import { IntentLink } from "@/components/ui/intent-link";
import { dictionary } from "@/lib/i18n/dictionary";

export default function ChineseNotFound() {
  const words = dictionary("zh").notFound;
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="font-mono text-sm text-fg-muted">RST</p>
      <h1 className="mt-2 text-3xl font-semibold">{words.title}</h1>
      <p className="mt-3 text-fg-muted">{words.text}</p>
      <IntentLink className={buttonClass("primary", "md", "mt-8")} href="/zh/course">
        {words.back}
      </IntentLink>
    </div>
  );
}
