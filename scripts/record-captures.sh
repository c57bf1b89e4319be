#!/usr/bin/env bash
# Record the capture-reader fixtures in tests/fixtures/captures from real Linux TCP on loopback.
#
#   sudo scripts/record-captures.sh            (about 30 s)
#
# Needs root, python3, tcpdump, tshark/dumpcap/editcap (Debian: tshark), nft (nftables),
# tc and ss (iproute2), unshare (util-linux). Every scenario runs in its own network namespace:
# its own `lo`, default per-namespace sysctls, its own nftables rules and qdisc, so nothing here
# touches the host's network. For each scenario this writes
#   NAME.pcap               tcpdump -i lo (plus other recordings for some, see extra_captures)
#   NAME.scenario.json      what ran, the state paths, errors seen, kernel (ss) observations
#   NAME.tcpdump.txt        tcpdump's own reading (-nn -S -tt), absolute sequence numbers
#   NAME.expected.json      the expected reading, derived from tshark (derive_expected.py)
# then the re-wrapped format variants and manifest.json (variants.py). Tests only read these
# committed files; nothing here runs at test time.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
helper="$here/capture"
out="${CAPTURE_FIXTURES:-$(dirname "$here")/tests/fixtures/captures}"

scenarios=(
  handshake-data-client-close server-close-first three-segment-close refused abort-linger-zero
  half-close simultaneous-close syn-retransmissions lost-data-segment lost-fin
  ipv6-handshake-data-client-close port-reuse-after-time-wait keepalive
)

# Recordings taken at the same time as the plain `tcpdump -i lo` one.
extra_captures() {
  case "$1" in
    handshake-data-client-close) echo "nanosecond sll sll2 dumpcap" ;;
    server-close-first) echo "sll2" ;;
  esac
}

capture_file() { # scenario kind
  case "$2" in
    lo) echo "$1.pcap" ;;
    dumpcap) echo "$1.dumpcap.pcapng" ;;
    *) echo "$1.$2.pcap" ;;
  esac
}

# Immediate mode: libpcap otherwise hands packets over only when a ring block is retired (up to
# a second later), and a capture stopped sooner loses them. Its ring then holds whole 256 KiB
# frames, so it needs a large buffer (-B, KiB) not to drop bursts. -U writes each packet at once.
tcpdump_options=(--immediate-mode -B 65536 -U -Z root)

start_capture() { # kind file
  local kind=$1 file=$2 argv
  case "$kind" in
    lo) argv=(tcpdump -i lo "${tcpdump_options[@]}" -w "$file" tcp) ;;
    nanosecond) argv=(tcpdump -i lo "${tcpdump_options[@]}" --time-stamp-precision=nano -w "$file" tcp) ;;
    sll) argv=(tcpdump -i any -y LINUX_SLL "${tcpdump_options[@]}" -w "$file" tcp) ;;
    sll2) argv=(tcpdump -i any -y LINUX_SLL2 "${tcpdump_options[@]}" -w "$file" tcp) ;;
    dumpcap) argv=(dumpcap -i lo -q -f tcp -w "$file") ;;
  esac
  # Started directly (not inside the case), so $! is the capture process that kill must stop.
  "${argv[@]}" 2>"$file.log" &
  capture_pids+=($!)
  for _ in $(seq 100); do
    grep -qE "listening on|Capturing on" "$file.log" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "capture $kind did not start: $(cat "$file.log")" >&2
  return 1
}

# Runs inside the scenario's network namespace.
record_in_namespace() { # scenario workdir
  local name=$1 work=$2
  capture_pids=()
  ip link set lo up
  if [ "$name" = simultaneous-close ]; then
    # 64 kbit/s behind a token bucket: a queued datagram holds both FINs back ~100 ms.
    ip link set lo mtu 1500
    tc qdisc add dev lo root tbf rate 64kbit burst 1600 latency 5s
  fi
  for kind in lo $(extra_captures "$name"); do
    start_capture "$kind" "$work/$(capture_file "$name" "$kind")"
  done
  python3 "$helper/scenarios.py" "$name" "$work/$name.scenario.json"
  sleep 1.5 # longer than libpcap's buffering timeout, for dumpcap, which has no immediate mode
  kill -TERM "${capture_pids[@]}"
  wait "${capture_pids[@]}" || true
  # tcpdump reports its statistics on exit: a capture that lost packets is no fixture.
  if grep -E "^[1-9][0-9]* packets? dropped by kernel" "$work"/*.log; then
    echo "$name: packets were dropped while capturing; run again" >&2
    return 1
  fi
  rm -f "$work"/*.log
}

derive() { # capture scenario-json
  local capture=$1 scenario=$2
  tcpdump -r "$capture" -nn -S -tt 2>/dev/null >"${capture%.*}.tcpdump.txt"
  python3 "$helper/derive_expected.py" "$capture" "$scenario" "${capture%.*}.expected.json"
}

main() {
  [ "$(id -u)" = 0 ] || { echo "run as root (tcpdump, network namespaces, nft, tc)" >&2; exit 1; }
  for tool in python3 tcpdump tshark dumpcap editcap nft tc ss unshare; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
  done
  work="$(mktemp -d)" # not local: the EXIT trap runs after main returns
  trap 'rm -rf "$work"' EXIT
  for name in "${scenarios[@]}"; do
    echo "recording $name"
    unshare --net -- "$0" --in-namespace "$name" "$work"
  done

  echo "deriving expected readings with tshark"
  for name in "${scenarios[@]}"; do
    for kind in lo $(extra_captures "$name"); do
      derive "$work/$(capture_file "$name" "$kind")" "$work/$name.scenario.json"
    done
  done
  local whole="$work/handshake-data-client-close.pcap" cut="$work/handshake-data-client-close.mid-connection.pcap"
  editcap -F pcap -r "$whole" "$cut" 4-1000
  python3 "$helper/scenarios.py" describe mid-connection "$work/handshake-data-client-close.mid-connection.scenario.json"
  derive "$cut" "$work/handshake-data-client-close.mid-connection.scenario.json"

  echo "writing format variants"
  python3 "$helper/variants.py" "$work"

  mkdir -p "$out"
  find "$out" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.json' -o -name '*.txt' \) -delete
  cp "$work"/* "$out"/
  echo "wrote $(find "$out" -maxdepth 1 -type f | wc -l) files to $out"
}

if [ "${1:-}" = --in-namespace ]; then
  record_in_namespace "$2" "$3"
else
  main "$@"
fi
