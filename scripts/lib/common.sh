# Sourced by scripts/*: finds the project root and a JDK >= 21, and builds the runnable jar when stale.
# Nothing here needs the caller to export anything.

CONCBENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONCBENCH_MIN_JDK=21

# Prints the feature version (17, 21, 25, ...) of the java binary in $1, or nothing.
jdk_feature_version() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  case "$v" in 1.*) v=${v#1.}; v=${v%%.*} ;; esac
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v"
}

# Sets JAVA_HOME to a JDK >= 21: JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
find_jdk() {
  local looked=() best="" best_v=0 dir v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(jdk_feature_version "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$CONCBENCH_MIN_JDK" ]; then
      export JAVA_HOME; return 0
    fi
    looked+=("JAVA_HOME=$JAVA_HOME (version ${v:-unknown})")
  fi
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/javac" ] || continue
    [ -L "$dir" ] && continue
    v=$(jdk_feature_version "$dir/bin/java")
    [ -n "$v" ] || continue
    looked+=("$dir (version $v)")
    if [ "$v" -ge "$CONCBENCH_MIN_JDK" ] && [ "$v" -gt "$best_v" ]; then best=$dir; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "concbench: no JDK >= $CONCBENCH_MIN_JDK found. Looked at: ${looked[*]:-JAVA_HOME unset, nothing under /usr/lib/jvm}." >&2
    echo "concbench: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME=$best
}

# apt_install WHO PACKAGE...: installs Debian packages quietly when this runs as root on a machine
# with apt-get, from the package lists already there, refreshing them only if that fails. Returns
# non-zero without exiting when it cannot (not root, no apt-get, install failed): the caller decides
# whether that is fatal. WHO names the script in the one line it prints.
apt_install() {
  local who=$1
  shift
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    return 1
  fi
  echo "$who: installing $* ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; }
}

# Maven: the pinned wrapper (3.9.x from Maven Central).
mvn_cmd() {
  "$CONCBENCH_ROOT/mvnw" -f "$CONCBENCH_ROOT/pom.xml" "$@"
}

CONCBENCH_JAR="$CONCBENCH_ROOT/cli/target/concbench.jar"

# Builds the runnable jar when it is missing or older than any source or pom.
ensure_jar() {
  if [ -f "$CONCBENCH_JAR" ] && [ -z "$(find "$CONCBENCH_ROOT" -path "$CONCBENCH_ROOT/.git" -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -type f \
        -newer "$CONCBENCH_JAR" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "concbench: building $CONCBENCH_JAR (sources changed or jar missing) ..." >&2
  if ! mvn_cmd -q -B -DskipTests -pl cli -am package >&2; then
    echo "concbench: build failed; run ./scripts/test to see the errors." >&2
    exit 1
  fi
}

# ensure_module_jar JAR MODULE WHAT DIR...: builds JAR with `-pl MODULE -am package` when it is missing
# or older than a source or pom it is built from: the parent pom and the module directories DIR...
# (MODULE and what it depends on). WHAT names the jar in the failure message.
ensure_module_jar() {
  local jar=$1 module=$2 what=$3 dir inputs=("$CONCBENCH_ROOT/pom.xml")
  shift 3
  for dir in "$@"; do inputs+=("$CONCBENCH_ROOT/$dir"); done
  if [ -f "$jar" ] && [ -z "$(find "${inputs[@]}" -path '*/target' -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -type f \
        -newer "$jar" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "concbench: building $jar (sources changed or jar missing) ..." >&2
  if ! mvn_cmd -q -B -DskipTests -pl "$module" -am package >&2; then
    echo "concbench: building $what failed; run ./scripts/test to see the errors." >&2
    exit 1
  fi
}

CONCBENCH_LOAD_JAR="$CONCBENCH_ROOT/load-generator/target/concbench-load.jar"

# The load generator's jar: the client side, no model code. bench-servers holds its idle
# connections with io.concbench.loadgen.IdleConnections from it.
ensure_load_jar() {
  ensure_module_jar "$CONCBENCH_LOAD_JAR" load-generator "the load generator" harness report load-generator
}

CONCBENCH_BENCHMARKS_JAR="$CONCBENCH_ROOT/microbench/target/benchmarks.jar"

# The JMH jar. concbench reproduce runs its microbenchmarks from it.
ensure_microbench_jar() {
  ensure_module_jar "$CONCBENCH_BENCHMARKS_JAR" microbench "the benchmarks" harness report microbench
}

# ---- figures for `scripts/bench-servers --all` ---------------------------------------------------
# Each bench script, besides its own lines, appends one machine-readable line per figure to the file
# named by BENCH_RESULTS (when set): RESULT<TAB>figure<TAB>target<TAB>measured<TAB>verdict. The --all
# run reads them back into its summary table. Verdicts: met, missed, within noise, not measured, or
# reported (a figure kept without a target).

# bench_result FIGURE TARGET MEASURED VERDICT
bench_result() {
  [ -n "${BENCH_RESULTS:-}" ] || return 0
  printf 'RESULT\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$BENCH_RESULTS"
}

# verdict_at_least BOUND VALUE...: met when every value (one per round) is >= BOUND, missed when none
# is, within noise when they straddle it. verdict_at_most is the same for <= BOUND.
verdict_at_least() {
  local bound=$1; shift
  printf '%s\n' "$@" | grep -v '^$' | awk -v b="$bound" '{ if ($1 + 0 >= b) up++; else down++ }
    END { print (up + down == 0 ? "not measured" : (down == 0 ? "met" : (up == 0 ? "missed" : "within noise"))) }'
}
verdict_at_most() {
  local bound=$1; shift
  printf '%s\n' "$@" | grep -v '^$' | awk -v b="$bound" '{ if ($1 + 0 <= b) up++; else down++ }
    END { print (up + down == 0 ? "not measured" : (down == 0 ? "met" : (up == 0 ? "missed" : "within noise"))) }'
}
