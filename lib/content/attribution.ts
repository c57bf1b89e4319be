/** The article every lesson is translated and adapted from; credited on every lesson page. */
export const SOURCE_ARTICLE = {
  title: "TCP的三次握手四次挥手",
  titleEnglish: "TCP's three-way handshake and four-way teardown",
  author: "yuyutianxia (博客园 / cnblogs)",
  url: "https://www.cnblogs.com/yuyutianxia/p/4831755.html",
} as const;
