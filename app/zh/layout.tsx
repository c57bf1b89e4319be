import type { Metadata } from "next";
import type { ReactNode } from "react";

// The document's lang="zh-CN" comes from the root layout (ADR 0501); this sets Chinese defaults.
export const metadata: Metadata = {
  title: { default: "SYN to FIN — TCP 如何建立和关闭连接", template: "%s · SYN to FIN" },
  description: "一门交互式课程：TCP 三次握手、四次挥手、CLOSE_WAIT、TIME_WAIT 与 Linux 调优，配有真实的 TCP 状态机模拟器。",
};

export default function ChineseLayout({ children }: { children: ReactNode }) {
  return children;
}
