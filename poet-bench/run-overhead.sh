#!/bin/sh
# Runs AgentOverheadBenchmark with the agent in the forked JVM. From the repository root, after
# mvn -B -q package -DskipTests. Extra arguments go to JMH (e.g. -prof gc).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AGENT="$ROOT/poet-agent/target/poet-agent.jar"
HOME_DIR=$(mktemp -d /tmp/poet-bench-home.XXXXXX)
P=dev.poet.bench.overhead
exec java -jar "$ROOT/poet-bench/target/benchmarks.jar" AgentOverheadBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1 \
  -jvmArgsAppend "-javaagent:$AGENT -Dpoet.home=$HOME_DIR -Dpoet.activation=eager -Dpoet.summary=true -Dpoet.methods.include=$P.NoEnhancementTarget[add,addNoInline];$P.EnhancedTarget[add,addNoInline] -Dpoet.method.$P.NoEnhancementTarget.add.domain=bench_none -Dpoet.method.$P.NoEnhancementTarget.addNoInline.domain=bench_none" \
  "$@"
