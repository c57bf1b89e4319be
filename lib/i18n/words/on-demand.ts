import { defineWords } from "@/domain/words";

/** Around the lessons' interactive parts while their code loads (components/lesson/on-demand-parts.tsx). */
const en = {
  failed: "This part of the page could not be loaded. Check your connection and reload the page.",
};

type OnDemandWords = typeof en;

const zh: OnDemandWords = {
  failed: "页面的这一部分未能加载。请检查网络连接后刷新页面。",
};

export const onDemandWords = defineWords<OnDemandWords>({ en, zh });
