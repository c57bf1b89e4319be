import "server-only";
import { defineQuizTranslation } from "@/domain/quiz/translation";
import type quiz from "./quiz";

/** 第 6 课测验的中文文本：按 quiz.ts 中的 id 对应，答案与评分规则都在 quiz.ts 里。 */
export default defineQuizTranslation<typeof quiz>({
  quiz: "many-time-wait-sockets",
  title: "检验一下：大量 TIME-WAIT 套接字与内核参数",
  questions: {
    "sysctls-on-linux-6": {
      prompt: "把每个 sysctl 和它在当前 Linux 上控制的内容对应起来（SYN cookie 保持默认开启）。",
      explanation:
        "tcp_fin_timeout：孤儿套接字的 FIN-WAIT-2。tcp_tw_reuse：出站连接接管处于 TIME-WAIT 的四元组。tcp_keepalive_time：发出第一个保活探测之前的空闲时间。tcp_max_syn_backlog：只有关闭 SYN cookie 时才会被读取，此时它把最后四分之一的名额留给已确认存活的对端；SYN 队列本身的长度由 listen() 的 backlog 决定，并以 somaxconn 封顶（tcp_conn_request()）。tcp_max_tw_buckets：最多保留多少个 TIME-WAIT 套接字，超出后新的直接销毁。ip_local_port_range：connect() 使用的临时端口。没有任何参数能设置 TIME-WAIT 的时长。",
      pairs: {
        "fin-timeout": { left: "net.ipv4.tcp_fin_timeout", right: "孤儿套接字可以在 FIN-WAIT-2 中停留多久" },
        "tw-reuse": { left: "net.ipv4.tcp_tw_reuse", right: "新的出站连接能否接管处于 TIME-WAIT 的四元组" },
        "keepalive-time": { left: "net.ipv4.tcp_keepalive_time", right: "发出第一个保活探测之前的空闲时间" },
        "syn-backlog": { left: "net.ipv4.tcp_max_syn_backlog", right: "什么也不控制，除非关闭了 SYN cookie" },
        "listen-cap": { left: "net.core.somaxconn", right: "listen() 的 backlog 上限，这个 backlog 同时限制 SYN 队列和 accept 队列" },
        "tw-buckets": { left: "net.ipv4.tcp_max_tw_buckets", right: "最多保留多少个 TIME-WAIT 套接字，超出后新的直接销毁" },
        "port-range": { left: "net.ipv4.ip_local_port_range", right: "connect() 从中挑选本地端口的范围" },
      },
      distractors: {
        "time-wait-length": "套接字在 TIME-WAIT 中停留多久",
      },
    },
    "tw-recycle": {
      prompt: "一份调优指南让你设置 net.ipv4.tcp_tw_recycle = 1。在当前的 Linux 服务器上你该怎么做？",
      explanation:
        "tcp_tw_recycle 会丢弃那些按主机记录的时间戳发生倒退的 SYN，这让 NAT 后面的客户端连不上；时间戳改为每条连接随机偏移之后（Linux 4.10），它对所有人都会出问题，于是在 Linux 4.12 中被移除。这个 sysctl 已经不存在了。",
      options: {
        "skip-it": {
          text: "不要设置：它会让 NAT 后面的客户端出问题，而且从 Linux 4.12 起就不存在了",
          feedback: "对。在当前内核上，sysctl 甚至会报告这个文件不存在。",
        },
        "set-it": {
          text: "设置它：它能安全地更快释放 TIME-WAIT 套接字",
          feedback: "它从来就不安全：同一个 NAT 地址后面的客户端各有各的时间戳时钟，其中一些会再也连不上。",
        },
        "set-with-timestamps": {
          text: "同时设置 tcp_timestamps = 1，它就安全了",
          feedback: "它本来就依赖时间戳；恰恰是时间戳让它误判了 NAT 后面的客户端。",
        },
        renamed: {
          text: "改用 tcp_tw_reuse = 2，那是它的新名字",
          feedback: "tcp_tw_reuse 是另一种机制（只用于出站连接，并依赖时间戳），而且 2 表示只对回环地址生效。",
        },
      },
    },
    "tw-reuse-two": {
      prompt: "在一台全新的 Linux 6 机器上，`sysctl net.ipv4.tcp_tw_reuse` 输出 2。这是什么意思？",
      explanation:
        "0 表示关闭，1 表示对所有出站连接开启，2（从 Linux 4.18 起的默认值）表示只对回环流量开启。无论哪种取值，它管的都是 connect()，而不是服务端接受的连接。",
      options: {
        "loopback-only": {
          text: "连向回环地址的出站连接可以复用处于 TIME-WAIT 的四元组，其他连接不行",
          feedback: "对：这就是默认值。",
        },
        "twice-as-fast": {
          text: "TIME-WAIT 套接字的复用速度加倍",
          feedback: "这个值是一种模式（0/1/2），不是速度。",
        },
        "incoming-and-outgoing": {
          text: "入站和出站连接都开启了复用",
          feedback: "tcp_tw_reuse 只作用于 connect()，从不作用于服务端接受的连接。",
        },
        "someone-changed-it": {
          text: "有人改过它：默认值是 0",
          feedback: "默认值是 0 已经是很久以前的事了；从 Linux 4.18 起默认是 2。",
        },
      },
    },
    "port-budget": {
      prompt: "使用默认的 ip_local_port_range 和 Linux 的 TIME-WAIT 时长，如果客户端先关闭，一个客户端地址每秒大约能持续向同一个服务端 ip:端口 新建多少条连接？",
      explanation:
        "默认的 ip_local_port_range，即 32768–60999，共有 28,232 个端口，连接关闭后，每个连向这个目的地的端口都要被 TIME-WAIT 占住 60 秒：28,232 ÷ 60 ≈ 每秒 470 条。",
      options: {
        n470: { text: "约 470 条", feedback: "对：28,232 个端口 ÷ 60 秒。" },
        n28232: {
          text: "约 28,232 条",
          feedback: "那是端口的总数——也就是能同时存在多少条连接；每个端口都要被占住 60 秒时，它并不是每秒的数量。",
        },
        n235: {
          text: "约 235 条",
          feedback: "这是把 RFC 9293 的 MSL（2 分钟）当成 TIME-WAIT 来除。Linux 的 TIME-WAIT 是 60 秒。",
        },
        n1070: {
          text: "约 1,070 条",
          feedback: "这用的是整个非特权端口范围（1024–65535）。默认范围是 32768–60999。",
        },
      },
    },
    "who-runs-out": {
      prompt: "哪台机器最可能因为 TIME-WAIT 而以 EADDRNOTAVAIL 失败？",
      explanation:
        "端口耗尽发生在发起连接并且先关闭的一方：每条关闭的连接都会在 TIME-WAIT 的时长内，占住一个连向那个目的地的本地端口。服务端的 TIME-WAIT 套接字共用它的监听端口，不会占住任何东西。",
      options: {
        "proxy-one-backend": {
          text: "一个代理：每个请求都向同一个后端 ip:端口 新建一条连接，并由自己关闭",
          feedback: "对：连向同一个目的地时只有本地端口可以变化，而每条关闭的连接都要占住一个端口 60 秒。",
        },
        "busy-web-server": {
          text: "一台 Web 服务器：接受大量短连接，并且先关闭它们",
          feedback: "它的 TIME-WAIT 套接字都使用它自己的 443 端口；它们靠客户端的地址和端口区分，不会用掉任何本地端口。",
        },
        "many-clients": {
          text: "一台服务器：有很多客户端，而且每个客户端都先关闭",
          feedback: "那样 TIME-WAIT 套接字都在客户端上，每个客户端只持有自己那少数几个。",
        },
        "listening-database": {
          text: "一台被许多应用服务器连接的数据库服务器",
          feedback: "接受连接的服务端不需要为这些连接挑选本地端口；它们全都使用它的监听端口。",
        },
      },
    },
    "tw-buckets-lowered": {
      prompt: "在一台繁忙的服务器上把 net.ipv4.tcp_max_tw_buckets 调低到 5000，会发生什么？",
      explanation:
        "一旦有 5000 个套接字处于 TIME-WAIT，之后每一条本该进入 TIME-WAIT 的连接都会被立即销毁，跳过这个状态。ss 里的数字下降了，但这些连接失去了 TIME-WAIT 的保护；内核会把每一次这样的情况计入 TCPTimeWaitOverflow。内核文档明确说，永远不要人为调低它。",
      options: {
        "destroys-protection": {
          text: "超过 5000 之后的连接完全跳过 TIME-WAIT，失去它的保护",
          feedback: "对：它掩盖了症状，办法是拿掉 TIME-WAIT 提供的安全保障。",
        },
        "shorter-wait": {
          text: "TIME-WAIT 套接字回收得更快，服务器因此能安全地处理更多连接",
          feedback: "没有什么被更快回收：超出上限的套接字干脆就没有 TIME-WAIT。",
        },
        "refuses-connections": {
          text: "当有 5000 个套接字处于 TIME-WAIT 时，服务器拒绝新的连接",
          feedback: "新连接不会被拒绝；失去 TIME-WAIT 的是正在关闭的连接。",
        },
        "frees-ports": {
          text: "服务器为新的客户端腾出了端口",
          feedback: "服务端的 TIME-WAIT 套接字本来就不会为新客户端占用端口。",
        },
      },
    },
    "make-permanent": {
      prompt: "你在一台代理上用 `sysctl -w` 测试了 `net.ipv4.tcp_tw_reuse = 1`，想让它永久生效。该怎么做？",
      explanation:
        "`sysctl -w` 只修改正在运行的内核，重启后就会丢失。把这一行写进 /etc/sysctl.d/ 下的一个文件——systemd 会在启动时应用它——再用 `sysctl --system` 让它立即生效。",
      options: {
        "sysctl-d": {
          text: "写进 /etc/sysctl.d/ 下的一个文件，然后运行 `sysctl --system`",
          feedback: "对：这个文件重启后依然存在，`sysctl --system` 会立即加载所有配置目录。",
        },
        "already-permanent": {
          text: "什么也不用做：`sysctl -w` 已经把它保存下来了",
          feedback: "`sysctl -w` 只写入 /proc/sys；重启之后这个值就没了。",
        },
        "sysctl-p-d": {
          text: "写进 /etc/sysctl.d/ 下的一个文件，然后运行 `sysctl -p`",
          feedback: "不带文件名的 `sysctl -p` 只读取 /etc/sysctl.conf，不读 /etc/sysctl.d/。",
        },
        "edit-proc": {
          text: "用文本编辑器修改 /proc/sys/net/ipv4/tcp_tw_reuse 并保存",
          feedback: "/proc/sys 下的文件就是内核当前的值，和 `sysctl -w` 一样；重启后不会保留。",
        },
      },
    },
    "better-fixes": {
      prompt: "一个服务每处理一个请求，都向后端新建一条 HTTP 连接，结果端口耗尽了。下面哪些改动针对的是根本原因？选出所有符合的选项。",
      explanation:
        "复用连接可以省掉绝大多数关闭；让对端先关闭可以把 TIME-WAIT 移到别处；增加目的地址或端口可以成倍增加可用的四元组。SO_LINGER 为 0 会丢掉数据和保护，tcp_fin_timeout 则根本碰不到 TIME-WAIT。",
      options: {
        pool: {
          text: "保持连接打开并复用它们（keep-alive、连接池）",
          feedback: "对：每条连接承载几千个请求，TIME-WAIT 套接字就少几千倍。",
        },
        spread: {
          text: "把流量分散到更多的后端地址或端口上",
          feedback: "对：端口的额度是按目的 ip:端口 计算的。",
        },
        "linger-zero": {
          text: "关闭时把 SO_LINGER 设为 0，这样就不会产生 TIME-WAIT",
          feedback: "那会发出一个复位：途中的数据丢失，后端收到 ECONNRESET，这个四元组也失去了 TIME-WAIT 的保护。",
        },
        "fin-timeout": {
          text: "把 tcp_fin_timeout 调低到 10",
          feedback: "tcp_fin_timeout 限制的是孤儿套接字的 FIN-WAIT-2，不是 TIME-WAIT。",
        },
      },
    },
    "keepalive-and-time-wait": {
      prompt: "像原文建议的那样，把 net.ipv4.tcp_keepalive_time 调低到 20 分钟，会减少 TIME-WAIT 套接字的数量吗？",
      explanation:
        "不会。保活机制探测的是开启了 SO_KEEPALIVE 的空闲连接（ESTABLISHED、CLOSE-WAIT 以及其他已连接的状态），用来发现已经失联的对端。TIME-WAIT 套接字已经关闭，从不会被探测；它的定时器是固定的。",
      options: {
        no: {
          text: "不会：保活探测的是仍然打开的空闲连接，与 TIME-WAIT 毫无关系",
          feedback: "对。这个改动也许有它的道理，但解决的是另一个问题。",
        },
        "yes-faster": {
          text: "会：TIME-WAIT 套接字会被探测，从而更早移除",
          feedback: "TIME-WAIT 套接字从不会被探测；它们在固定的定时器到期时离开。",
        },
        "yes-fewer-closes": {
          text: "会：连接会更早关闭，进入 TIME-WAIT 的连接就少了",
          feedback: "保活只会关闭那些对端已经消失的连接；健康的空闲连接不受影响。",
        },
        frequency: {
          text: "只有当保活消息从每 2 小时一次改为每 20 分钟一次时才会",
          feedback: "tcp_keepalive_time 是发出第一个探测之前的空闲时间（之后每隔 tcp_keepalive_intvl 探测一次）；无论怎样，TIME-WAIT 都不受影响。",
        },
      },
    },
  },
});
