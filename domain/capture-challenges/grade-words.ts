/**
 * The grader's own sentences, English and Chinese side by side: a file that is not a capture, a
 * capture without the learner's connection, and a state change under a segment. The capture
 * reader's problem inside them is worded by domain/tcp/pcap/problem-words.ts.
 */
import { defineWords } from "@/domain/words";
import type { Role } from "@/domain/tcp/pcap";
import { roleWords } from "./goal-words";

export const gradeWords = defineWords({
  en: {
    /** `problem`: the reader's problem, already in this language. */
    notACapture: (problem: string) =>
      `This is not a pcap or pcapng capture that can be read: ${problem}. Upload the file tcpdump -w wrote (or a .pcap/.pcapng saved by Wireshark).`,
    noSegment: (port: number) =>
      `The capture holds no TCP segment. Check that tcpdump captured the loopback interface (lo on Linux, lo0 on macOS) with the filter tcp port ${port}, and ran while the programs did.`,
    otherPort: (port: number, ports: string) =>
      `The capture's only TCP connection does not use your port ${port} (its server port is ${ports}). The challenge checks the values issued to you, so someone else's capture, or one downloaded, does not pass.`,
    otherPorts: (count: number, port: number, ports: string) =>
      `None of the ${count} TCP connections in the capture uses your port ${port} (server ports seen: ${ports}). The challenge checks the values issued to you, so someone else's capture, or one downloaded, does not pass.`,
    /** "client ESTABLISHED → FIN-WAIT-1: <rule>". */
    change: (role: Role, change: string, rule: string) => `${role} ${change}: ${rule}`,
  },
  zh: {
    notACapture: (problem) => `这不是可读的 pcap 或 pcapng 抓包文件：${problem}。请上传 tcpdump -w 写出的文件（或 Wireshark 保存的 .pcap/.pcapng）。`,
    noSegment: (port) =>
      `抓包里没有任何 TCP 报文段。确认 tcpdump 抓的是回环接口（Linux 上是 lo，macOS 上是 lo0），过滤条件是 tcp port ${port}，并且在程序运行期间一直在抓。`,
    otherPort: (port, ports) =>
      `抓包里唯一的一条 TCP 连接没有使用你的端口 ${port}（它的服务端端口是 ${ports}）。挑战检查的是发给你的值，别人的抓包或下载来的抓包不会通过。`,
    otherPorts: (count, port, ports) =>
      `抓包里的 ${count} 条 TCP 连接都没有使用你的端口 ${port}（服务端端口有：${ports}）。挑战检查的是发给你的值，别人的抓包或下载来的抓包不会通过。`,
    change: (role, change, rule) => `${roleWords("zh")[role]} ${change}：${rule}`,
  },
});
