#!/usr/bin/env bash
# Runs each libFuzzer target of a fuzz build for SECONDS (default 900), one after the other, from
# seeds made out of the suite's cases, and prints per target: runs, execs/s, edges covered,
# corpus size and findings (crashes, leaks, timeouts: files under BUILD/findings/TARGET/).
# usage: run-fuzz.sh BUILD [SECONDS [TARGET…]]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "$1" && pwd)"
seconds="${2:-900}"
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
[ "${#targets[@]}" -eq 0 ] && targets=(fuzz_httpparser fuzz_serverconnection fuzz_clientresponse
                                        fuzz_mockfile fuzz_curlcommand)

python3 "$here/make-seeds.py" "$build/seeds" > /dev/null
printf '%-22s %10s %9s %7s %7s %9s\n' target runs execs/s edges corpus findings
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t" findings="$build/findings/$t" log="$build/findings/$t.log"
  mkdir -p "$corpus" "$findings"
  dict=()
  case "$t" in fuzz_httpparser|fuzz_serverconnection|fuzz_clientresponse) dict=(-dict="$here/http.dict") ;; esac
  # -fork keeps going after a finding, so one run reports every kind it met.
  "$build/fuzz/$t" "$corpus" "$build/seeds/$t" "${dict[@]}" -max_total_time="$seconds" \
    -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -fork=1 \
    -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -artifact_prefix="$findings/" > "$log" 2>&1
  # -fork's progress lines: "#RUNS: cov: EDGES ft: … time: SECONDSs …"; the last one sums up.
  read -r runs edges secs < <(grep -E '^#[0-9]+: cov:' "$log" | tail -1 |
    sed -E 's/^#([0-9]+): cov: ([0-9]+).* time: ([0-9]+)s.*/\1 \2 \3/')
  rate=$(( ${runs:-0} / (${secs:-1} > 0 ? ${secs:-1} : 1) ))
  found=$(find "$findings" -type f | wc -l)
  printf '%-22s %10s %9s %7s %7s %9s\n' "$t" "${runs:-?}" "${rate:-?}" "${edges:-?}" \
    "$(find "$corpus" -type f | wc -l)" "$found"
done
