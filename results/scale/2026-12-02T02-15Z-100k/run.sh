#!/usr/bin/env bash
# 100,000 connections by hand: multiprocess with 6 workers on CPU 0, 6 load agents on CPU 1.
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=/work/main/cli/target/concbench.jar
OUT=/work/main/results/scale/2026-12-02T02-15Z-100k
mkdir -p $OUT
PORT=18181
tree_rss_kib() { local sum=0; for p in $(cat $OUT/server.pid) $(pgrep -P $(cat $OUT/server.pid)); do r=$(awk '/VmRSS/{print $2}' /proc/$p/status 2>/dev/null); sum=$((sum + ${r:-0})); done; echo $sum; }
uptime > $OUT/uptime.txt
taskset -c 0 $J -Xms512m -Xmx512m -jar $JAR serve --model multiprocess --workers 6 --port $PORT < /dev/null > $OUT/server.log 2>&1 &
echo $! > $OUT/server.pid
sleep 8
echo "idle tree RSS KiB: $(tree_rss_kib)" | tee $OUT/rss.txt
nstat -az TcpExtListenOverflows TcpExtListenDrops | tail -2 > $OUT/nstat-before.txt
( for i in $(seq 1 16); do sleep 10; echo "$(date -u +%T) tree RSS KiB: $(tree_rss_kib) estab(both ends): $(ss -Htn state established | wc -l)" >> $OUT/rss.txt; done ) &
MON=$!
taskset -c 1 $J -Xms512m -Xmx512m -jar $JAR load http://127.0.0.1:$PORT/plaintext -c 100000 --agents 6 --source-addresses 127.0.0.1-127.0.0.8 \
  --connects-in-flight 64 --timeout 10s --warmup 90s -d 20s -R 10000 --json $OUT/merged.json > $OUT/load.txt 2>&1
echo "load exit $?" >> $OUT/load.txt
nstat -az TcpExtListenOverflows TcpExtListenDrops | tail -2 > $OUT/nstat-after.txt
kill $MON 2>/dev/null
uptime >> $OUT/uptime.txt
kill $(cat $OUT/server.pid)
