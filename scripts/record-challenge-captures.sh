#!/usr/bin/env bash
# Record the capture-challenge test captures in tests/fixtures/capture-challenges from real
# Linux TCP on loopback: each challenge's Linux commands exactly as its page shows them (for the
# fixed test values, domain/capture-challenges/test-values.ts), and a run of each that misses the
# goal. Every run has its own network namespace, so nothing touches the host's network.
#
#   sudo scripts/record-challenge-captures.sh          (about 30 s)
#
# Needs root, python3, tcpdump, tshark (for the .tcpdump.txt readings), unshare (util-linux).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="${CHALLENGE_CAPTURES:-$root/tests/fixtures/capture-challenges}"

scenarios=(
  capture-server-time-wait capture-server-time-wait.client-closes-first
  capture-connection-refused capture-connection-refused.listening
  capture-half-close capture-half-close.close-instead-of-shutdown
  capture-syn-retransmission capture-syn-retransmission.answered
  capture-unread-rst capture-unread-rst.read-before-close
)

[ "$(id -u)" = 0 ] || { echo "run as root (tcpdump, network namespaces)" >&2; exit 1; }
for tool in python3 tcpdump unshare editcap; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && npx tsx scripts/capture/challenge-commands.ts) >"$work/commands.json"
for name in "${scenarios[@]}"; do
  echo "recording $name"
  unshare --net -- python3 "$here/capture/challenge_captures.py" "$work/commands.json" "$name" "$work"
  tcpdump -r "$work/$name.pcap" -nn -S -tt 2>/dev/null >"$work/$name.tcpdump.txt"
done
# One goal also as pcapng, the format Wireshark and dumpcap write.
editcap -F pcapng "$work/capture-half-close.pcap" "$work/capture-half-close.pcapng"
mkdir -p "$out"
find "$out" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.json' -o -name '*.txt' \) -delete
cp "$work"/capture-* "$work/commands.json" "$out"/
echo "wrote $(find "$out" -maxdepth 1 -type f | wc -l) files to $out"
