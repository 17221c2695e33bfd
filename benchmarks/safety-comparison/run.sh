#!/usr/bin/env bash
# The deploy-safety comparison in the README: the same risky and safe migrations through schemakit's lint
# (static, and --dynamic on the embedded PostgreSQL) and through squawk-cli (npm), side by side.
#
#   mvn -B -q install -DskipTests -Dinvoker.skip && bash benchmarks/safety-comparison/run.sh
#
# Each case folder holds the migrations after the released V1__base.sql and a file `expect` (risky or safe).
# squawk runs with --assume-in-transaction (Flyway runs a script in a transaction) and without its three rules
# that fire on every ALTER whatever it does (require-lock-timeout, require-statement-timeout,
# prefer-robust-stmts); how often those fired is counted apart.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/cli/target/schemakit.jar"
[ -f "$jar" ] || { echo "build the CLI first: mvn -B -q install -DskipTests -Dinvoker.skip" >&2; exit 2; }

work="$(mktemp -d -t schemakit-safety.XXXXXX)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund squawk-cli@2 >/dev/null 2>&1) \
  || { echo "npm could not install squawk-cli" >&2; exit 2; }
squawk="$work/node_modules/.bin/squawk"
always="require-lock-timeout,require-statement-timeout,prefer-robust-stmts"

mkdir -p "$work/released"
cp "$here/V1__base.sql" "$work/released/"
java -jar "$jar" lint --migrations "$work/released" --lock "$work/schemakit.lock" --update-lock >/dev/null

codes() { # error and warning codes in a lint output, comma-separated
  grep -E '^(ERROR|WARNING) ' | awk '{print ($1 == "WARNING" ? $2 " (warning)" : $2)}' | sort -u | paste -sd, - || true
}

printf '| case | truth | schemakit lint | schemakit lint --dynamic | squawk %s |\n' "$("$squawk" --version | awk '{print $2}')"
printf '|---|---|---|---|---|\n'
hygiene=0
for case in "$here"/cases/*/; do
  name="$(basename "$case")"
  chain="$work/chains/$name"
  mkdir -p "$chain"
  cp "$here/V1__base.sql" "$chain/"
  cp "$case"/V*.sql "$chain/"
  static="$(java -jar "$jar" lint --migrations "$chain" --lock "$work/schemakit.lock" 2>&1 | codes)"
  dynamic="$(java -jar "$jar" lint --migrations "$chain" --lock "$work/schemakit.lock" --dynamic --seed-rows 2000 2>&1 \
    | codes)"
  rules="$("$squawk" --assume-in-transaction --exclude="$always" --reporter gitlab "$case"/V*.sql 2>/dev/null \
    | grep -o '"check_name":"[^"]*"' | cut -d'"' -f4 | sort -u | paste -sd, - || true)"
  fired="$("$squawk" --assume-in-transaction --reporter gitlab "$case"/V*.sql 2>/dev/null \
    | grep -oE '"check_name":"(require-lock-timeout|require-statement-timeout|prefer-robust-stmts)"' | wc -l || true)"
  hygiene=$((hygiene + fired))
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$(cat "$case/expect")" "${static:--}" "${dynamic:--}" "${rules:--}"
done
echo
echo "squawk's $always fired $hygiene time(s) over these cases (on safe and risky ones alike)."
