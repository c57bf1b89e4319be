/**
 * Why an uploaded capture could not be checked (POST /api/capture-challenges/[id]), by error
 * code, in both languages side by side. A file that is not a capture is worded by the grader
 * (domain/capture-challenges/grade-words.ts), with the reader's own problem in it.
 */
import { defineWords } from "@/domain/words";
import type { UploadError } from "@/domain/capture-challenges/upload-response";

export type CaptureUploadWords = Record<Exclude<UploadError, "not-a-capture" | "too-large">, string> & {
  "too-large": (mb: string) => string;
  /** The route itself failed: nothing was stored. */
  checkFailed: string;
};

export const captureUploadWords = defineWords<CaptureUploadWords>({
  en: {
    "too-large": (mb) =>
      `The file is larger than ${mb} MB, the most a capture upload may be. Capture only the challenge's port (the commands' filter does); such a capture is a few kilobytes.`,
    empty: "The file is empty. Upload the file tcpdump -w wrote, after stopping tcpdump with Ctrl+C.",
    "rate-limited": "You have checked many captures in the last few minutes. Wait a few minutes, then upload again; nothing was lost.",
    "unknown-challenge": "There is no such capture challenge.",
    "no-values": "Your values for this challenge are not known to this browser yet: reload the challenge page, run the commands it shows, then upload.",
    timeout:
      "Checking this capture took too long, so it was stopped. Capture only the challenge's port (the commands' filter does) and upload that smaller file.",
    memory:
      "Checking this capture needed more memory than an upload may use. Capture only the challenge's port (the commands' filter does) and upload that smaller file.",
    busy: "The server is checking many captures right now. Try again in a minute; nothing was stored.",
    failed: "This capture could not be checked. Nothing was stored; try again, or record it again with the commands shown.",
    checkFailed: "The capture could not be checked and nothing was stored. Try again.",
  },
  zh: {
    "too-large": (mb) => `文件超过了 ${mb} MB，这是抓包上传的上限。只抓挑战的端口（命令中的过滤条件就是这样做的）；这样的抓包只有几 KB。`,
    empty: "文件是空的。按 Ctrl+C 停止 tcpdump 之后，再上传 tcpdump -w 写出的文件。",
    "rate-limited": "你在最近几分钟里检查了很多抓包。请等几分钟再上传；没有丢失任何内容。",
    "unknown-challenge": "没有这个抓包挑战。",
    "no-values": "这个浏览器还不知道你在这个挑战中的值：重新加载挑战页面，运行页面上的命令，然后再上传。",
    timeout: "检查这个抓包耗时过长，已被中止。只抓挑战的端口（命令中的过滤条件就是这样做的），再上传这个更小的文件。",
    memory: "检查这个抓包所需的内存超过了一次上传允许的上限。只抓挑战的端口（命令中的过滤条件就是这样做的），再上传这个更小的文件。",
    busy: "服务器此刻正在检查很多抓包。请一分钟后再试；没有保存任何内容。",
    failed: "无法检查这个抓包。没有保存任何内容；请重试，或用页面上的命令重新抓包。",
    checkFailed: "无法检查这个抓包，没有保存任何内容。请重试。",
  },
});
