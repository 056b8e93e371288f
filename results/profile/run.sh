#!/usr/bin/env bash
# Where a plaintext request's server CPU goes: the reactor (1 loop), netty (1 epoll loop), epoll (1 loop) and nginx
# (1 worker), each pinned to CPU 0 with wrk -t1 -c256 on CPU 1. Per server, under the same load:
#   1. syscalls per request: strace -c -f on the server for 5 s, over the requests wrk counted meanwhile
#      (strace slows the server; the counts per request are what matter, not the rate)
#   2. where CPU time goes: perf record -g on the server pid for 5 s, split kernel / JIT code / JVM
#      (libjvm) / libc / nginx, and the top kernel symbols
#   3. the reactor only: JFR's hottest Java methods (jfr view hot-methods)
# Usage: results/profile/run.sh OUTDIR   (needs wrk, nginx, strace, perf; talks to 127.0.0.1 only)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../../scripts/lib/common.sh"
OUT=${1:?usage: run.sh OUTDIR}; mkdir -p "$OUT"
find_jdk; ensure_jar
JAVA="$JAVA_HOME/bin/java"
WORK=$(mktemp -d); PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), $(nproc) CPUs, kernel $(uname -r)"
echo "JDK $("$JAVA" -version 2>&1 | head -1); $(nginx -v 2>&1); wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
echo "servers on CPU 0 (taskset -c 0), wrk -t1 -c256 on CPU 1; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

serve() { # serve NAME PORT ARGS...: a concbench server on a FIFO-less stdin (serves until killed)
  local name=$1 port=$2; shift 2
  taskset -c 0 "$JAVA" -Xms512m -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$CONCBENCH_JAR" serve --port "$port" "$@" \
    </dev/null >"$WORK/$name.out" 2>&1 &
  PIDS+=($!); SPID=$!
  for _ in $(seq 100); do grep -q READY "$WORK/$name.out" 2>/dev/null && return; sleep 0.1; done
  echo "$name did not start"; cat "$WORK/$name.out"; exit 1
}
nginx_start() {
  mkdir -p "$WORK/ngx"
  cat >"$WORK/ngx/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $WORK/ngx/pid; error_log $WORK/ngx/err warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000000;
  client_body_temp_path $WORK/ngx/cb; proxy_temp_path $WORK/ngx/p; fastcgi_temp_path $WORK/ngx/f;
  uwsgi_temp_path $WORK/ngx/u; scgi_temp_path $WORK/ngx/s;
  server { listen 127.0.0.1:$1; location / { default_type text/plain; return 200 "Hello, World!"; } } }
CONF
  taskset -c 0 nginx -p "$WORK/ngx/" -c "$WORK/ngx/nginx.conf" >/dev/null 2>&1 & PIDS+=($!)
  sleep 1; SPID=$(pgrep -P "$(cat "$WORK/ngx/pid")")   # the worker process
}

profile() { # profile NAME PORT PID
  local name=$1 port=$2 pid=$3 url="http://127.0.0.1:$2/plaintext"
  taskset -c 1 wrk -t1 -c256 -d8s "$url" >/dev/null                           # warm-up
  # strace attached for exactly one wrk run, so wrk's request count is the requests it saw
  strace -c -f -p "$pid" -o "$OUT/$name.strace" 2>/dev/null & local st=$!
  sleep 1; taskset -c 1 wrk -t1 -c256 -d5s "$url" >"$WORK/w1"; kill -INT "$st"; wait "$st" 2>/dev/null || true
  local n; n=$(awk '/requests in/ {print $1}' "$WORK/w1")
  awk -v n="$n" -v who="$name" '
    $NF!="total" && $4 ~ /^[0-9]+$/ && $4+0 > 0 { c[$NF]=$4 }
    END { line=""; for (s in c) if (c[s]/n >= 0.01) line=line sprintf(" %s %.3f", s, c[s]/n); print "  " who " syscalls per request (" n " requests under strace):" line }' "$OUT/$name.strace"
  local w
  taskset -c 1 wrk -t1 -c256 -d7s "$url" >/dev/null & w=$!
  sleep 1; perf record -q -g -p "$pid" -o "$WORK/$name.data" -- sleep 5 >/dev/null 2>&1; wait $w
  perf report -i "$WORK/$name.data" --no-children -g none --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -8 >"$OUT/$name.dso" || true
  perf report -i "$WORK/$name.data" --no-children -g none --sort sym --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -15 >"$OUT/$name.sym" || true
  echo "  $name CPU by where it runs (perf, % of samples):"; sed 's/^/    /' "$OUT/$name.dso" | head -5
  echo "  $name top symbols:"; sed 's/^/    /' "$OUT/$name.sym" | head -8
}

serve reactor 18601 --model reactor --workers 1; R=$SPID
echo "== reactor"; profile reactor 18601 "$R"
jcmd "$R" JFR.start name=p settings=profile filename="$WORK/r.jfr" >/dev/null 2>&1 || "$JAVA_HOME/bin/jcmd" "$R" JFR.start name=p settings=profile filename="$WORK/r.jfr" >/dev/null
taskset -c 1 wrk -t1 -c256 -d6s http://127.0.0.1:18601/plaintext >/dev/null
"$JAVA_HOME/bin/jcmd" "$R" JFR.stop name=p >/dev/null
"$JAVA_HOME/bin/jfr" view --width 110 hot-methods "$WORK/r.jfr" | head -22 | tee "$OUT/reactor.jfr-hot-methods"
kill "$R"
serve netty 18602 --model netty --workers 1; N=$SPID
echo "== netty (epoll)"; profile netty 18602 "$N"; kill "$N"
serve epoll 18604 --model epoll --workers 1; E=$SPID
echo "== epoll (the reactor on raw epoll through java.lang.foreign)"; profile epoll 18604 "$E"; kill "$E"
nginx_start 18603
echo "== nginx (worker pid $SPID)"; profile nginx 18603 "$SPID"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
