#!/usr/bin/env bash
# bench/full-load: COPY vs plain Spark JDBC vs jdbc_load vs seed_hudi on the TPC-C tables, one run.
# Usage: bench/full-load/run.sh [--warehouses N] [--tables public.a,public.b] [--no-seed] [--repeat K]
#   (default 1 warehouse, all nine tables, with seed_hudi, one run each; --repeat K: best of K alternating
#   runs of COPY, Spark JDBC and jdbc_load per table. docs/performance.md has N=5).
#   BENCH_JAVA_OPTS adds JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/b.jfr for a profile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cp_file="$root/emr-steps/target/bench-classpath.txt"
mvn -B -o -q -pl emr-steps -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
--add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
# shellcheck disable=SC2086
cd "$root/emr-steps"  # the harness reads ../pipeline-configs/tpcc.json like the ITs
exec java -Xmx${BENCH_HEAP:-4g} ${BENCH_JAVA_OPTS:-} $opens -Duser.timezone=UTC -Dlog4j.configurationFile="$root/config/log4j2.xml" \
  -cp "$root/emr-steps/target/test-classes:$root/emr-steps/target/classes:$(cat "$cp_file")" \
  dev.lakepipe.steps.FullLoadBench "$@"
