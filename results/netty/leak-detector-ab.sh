#!/usr/bin/env bash
# Alternating rounds: reactor vs netty-epoll vs netty-epoll with Netty's leak detector off; keep-alive c=256.
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=$(dirname "$0")/../../cli/target/concbench.jar
W=${TMPDIR:-/tmp}/netty-ab; rm -rf $W; mkdir -p $W
declare -A PORT PID
start() { local name=$1; shift
  mkfifo $W/$name.in
  taskset -c 0 $J -Xms512m -Xmx512m "$@" <$W/$name.in >$W/$name.out 2>$W/$name.err &
  PID[$name]=$!
  exec {fd}>$W/$name.in
  until grep -q '^READY' $W/$name.out; do sleep 0.2; done
  PORT[$name]=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' $W/$name.out | head -1)
}
start reactor -jar $JAR serve --port 0 --model reactor --workers 1
start netty -jar $JAR serve --port 0 --model netty --workers 1 --transport epoll
start netty-noleak -Dio.netty.leakDetection.level=disabled -jar $JAR serve --port 0 --model netty --workers 1 --transport epoll
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for s in reactor netty netty-noleak; do taskset -c 1 wrk -t1 -c256 -d5s http://127.0.0.1:${PORT[$s]}/plaintext >/dev/null; done
for r in 1 2 3; do for s in reactor netty netty-noleak; do
  t0=$(ticks ${PID[$s]})
  taskset -c 1 wrk -t1 -c256 -d10s http://127.0.0.1:${PORT[$s]}/plaintext > $W/wrk.txt
  t1=$(ticks ${PID[$s]})
  n=$(awk '/requests in/ {print $1}' $W/wrk.txt); rps=$(awk '/^Requests\/sec/ {print $2}' $W/wrk.txt)
  echo "round $r $s $rps req/s $(awk -v t=$((t1-t0)) -v n=$n 'BEGIN{printf "%.2f", t*1e6/100/n}') us/req"
done; done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for s in reactor netty netty-noleak; do kill ${PID[$s]}; done; wait
