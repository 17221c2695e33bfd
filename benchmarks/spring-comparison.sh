#!/usr/bin/env bash
# The Spring Boot comparison in the README: example-spring's tests as written (schemakit-spring: @MigrationTest,
# a template clone per class) and the same tests written the usual way (src/zonky-test: zonky's
# @AutoConfigureEmbeddedDatabase, Spring's own Flyway migrating, spring.flyway.target for older versions),
# each `mvn test` of the module timed end to end, three runs per way, in turns.
#
#   mvn -B -q install -DskipTests -Dinvoker.skip && bash benchmarks/spring-comparison.sh
set -uo pipefail
cd "$(dirname "$0")/.."
run() { # label, extra maven args; prints the wall seconds of one `mvn test` of example-spring
  local start end
  start=$(date +%s.%N)
  if ! mvn -B -q -o -pl example-spring test "$@" >/tmp/schemakit-spring-comparison.log 2>&1; then
    echo "the run with '$*' failed; see /tmp/schemakit-spring-comparison.log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  printf "%.1f" "$(echo "$end - $start" | bc)"
}
run >/dev/null; run -Pzonky >/dev/null   # warm the caches of both (templates, zonky's prepared databases)
declare -a ours theirs
for i in 1 2 3; do
  ours+=("$(run)")
  theirs+=("$(run -Pzonky)")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
printf '| way | runs (s) | median (s) |\n|---|---|---|\n'
printf '| schemakit-spring (`@MigrationTest`) | %s | %s |\n' "${ours[*]}" "$(median "${ours[@]}")"
printf '| zonky `@AutoConfigureEmbeddedDatabase` + Spring Flyway | %s | %s |\n' "${theirs[*]}" "$(median "${theirs[@]}")"
