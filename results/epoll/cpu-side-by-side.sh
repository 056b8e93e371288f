#!/usr/bin/env bash
# Server CPU per request, reactor vs epoll: 1 loop each, both pinned to CPU 0, wrk -t1 -c256 on CPU 1, plaintext,
# 5 s warm-up each, then 4 rounds of 10 s alternating the order. CPU from /proc/PID/stat utime+stime over the round
# divided by wrk's request count. Output: results/epoll/cpu-side-by-side-*.txt
set -u
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JAR=$(dirname "$(readlink -f "$0")")/../../cli/target/concbench.jar
TCK=$(getconf CLK_TCK)
declare -A PORT=([reactor]=18081 [epoll]=18082)
declare -A PID
for m in reactor epoll; do
  taskset -c 0 $J -Xms512m -Xmx512m -jar $JAR serve --model $m --workers 1 --port ${PORT[$m]} > /tmp/cpu-$m.log 2>&1 &
  PID[$m]=$!
done
sleep 3
for m in reactor epoll; do grep -m1 READY /tmp/cpu-$m.log; taskset -c 1 wrk -t1 -c256 -d5s http://127.0.0.1:${PORT[$m]}/plaintext > /dev/null; done
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
for r in 1 2 3 4; do
  order="reactor epoll"; [ $((r % 2)) = 0 ] && order="epoll reactor"
  for m in $order; do
    before=$(cpu ${PID[$m]})
    out=$(taskset -c 1 wrk -t1 -c256 -d10s http://127.0.0.1:${PORT[$m]}/plaintext)
    after=$(cpu ${PID[$m]})
    reqs=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    errs=$(echo "$out" | grep -E "Socket errors|Non-2xx" | tr '\n' ' ')
    us=$(awk -v t=$((after-before)) -v k=$TCK -v n=$reqs 'BEGIN{printf "%.2f", t*1e6/k/n}')
    echo "round $r $m: $reqs requests, $rps req/s, server CPU $((after-before)) ticks, $us us/req $errs"
  done
done
uptime
kill ${PID[reactor]} ${PID[epoll]}
