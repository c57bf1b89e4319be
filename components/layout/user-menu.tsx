import { chromeWords } from "@/lib/i18n/words/chrome";
import { buttonClass } from "../ui/button-class";
import { AccountSlot } from "./account-slot";
import { ReturnLink } from "./return-link";
import type { Locale } from "@/domain/locale";

/**
 * The header's account links in the route's language, rendered on the server: a visitor's sign-in
 * and sign-up links are HTML the account slot shows once the session says nobody is signed in.
 */
export function UserMenu({ locale }: { locale: Locale }) {
  const words = chromeWords(locale).account;
  return (
    <AccountSlot
      locale={locale}
      words={words}
      visitor={
        <div className="flex items-center gap-1 sm:gap-2">
          <ReturnLink locale={locale} page="/signin" className={buttonClass("ghost", "sm")}>
            {words.signIn}
          </ReturnLink>
          <ReturnLink locale={locale} page="/signup" className={buttonClass("primary", "sm")}>
            {words.signUp}
          </ReturnLink>
        </div>
      }
    />
  );
}
