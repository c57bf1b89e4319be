import { defineWords } from "@/domain/words";

/** The site search page (components/layout/site-search.tsx). */
const en = {
  title: "Search",
  label: "Search the lessons",
  placeholder: "e.g. TIME_WAIT, half-close, tcp_tw_reuse",
  loading: "Loading the search index…",
  failed: "The search index could not be loaded. Check your connection and try again.",
  empty: "Type at least two characters.",
  results: (count: number, query: string) => (count === 1 ? `1 result for “${query}”` : `${count} results for “${query}”`),
  none: (query: string) => `Nothing found for “${query}”.`,
  glossaryResult: "Glossary",
  hint: "Searches every lesson section and glossary entry in English.",
  otherLanguage: "Search the Chinese lessons",
};

export type SearchWords = typeof en;

const zh: SearchWords = {
  title: "搜索",
  label: "搜索课程内容",
  placeholder: "例如：TIME_WAIT、半关闭、tcp_tw_reuse",
  loading: "正在加载搜索索引…",
  failed: "搜索索引加载失败，请检查网络后重试。",
  empty: "请至少输入两个字符。",
  results: (count: number, query: string) => `“${query}”共有 ${count} 条结果`,
  none: (query: string) => `没有找到与“${query}”相关的内容。`,
  glossaryResult: "术语表",
  hint: "搜索全部中文课程的各个小节和术语表条目。",
  otherLanguage: "搜索英文课程",
};

export const searchWords = defineWords<SearchWords>({ en, zh });
