#!/bin/sh
# Runs AgentOverheadBenchmark with the agent in the forked JVM. From anywhere, after
# mvn -B -q package -DskipTests. Extra arguments go to JMH (e.g. -prof gc).
#
# The JMH host (and so each fork) runs from a copy of benchmarks.jar without dev/poet/{core,bridge,runtime}:
# the agent loads its engine classes through the system class loader, where the application class path comes
# first, so a poet-core on the class path would shadow the agent's own engine (see results/agent-overhead.txt).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AGENT="$ROOT/poet-agent/target/poet-agent.jar"
WORK=$(mktemp -d /tmp/poet-bench-overhead.XXXXXX)
mkdir "$WORK/cp" "$WORK/home"
(cd "$WORK/cp" && unzip -q "$ROOT/poet-bench/target/benchmarks.jar" && rm -rf dev/poet/core dev/poet/bridge dev/poet/runtime)
P=dev.poet.bench.overhead
exec java -cp "$WORK/cp" org.openjdk.jmh.Main AgentOverheadBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1 \
  -jvmArgsAppend "-javaagent:$AGENT -Dpoet.home=$WORK/home -Dpoet.activation=eager -Dpoet.summary=true $POET_BENCH_JVM_ARGS -Dpoet.methods.include=$P.NoEnhancementTarget[add,addNoInline];$P.EnhancedTarget[add,addNoInline] -Dpoet.method.$P.NoEnhancementTarget.add.domain=bench_none -Dpoet.method.$P.NoEnhancementTarget.addNoInline.domain=bench_none" \
  "$@"
