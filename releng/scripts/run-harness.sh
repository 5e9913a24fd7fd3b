# Sourced by the fault-harness scripts in releng/bench: runs one harness (a test class whose name does not
# end in Test, so the normal build skips it) and prints the result file it writes.
# MVN_FLAGS: Maven flags, default -o (offline); empty to go online.
medpay_run_harness() { # $1 = name (result target/$1.txt, log releng/bench/out/$1.log), $2 = test module, $3 = test class
  local name=$1 module=$2 test=$3 status=0
  local out="$module/target/$name.txt"
  rm -f "$out"
  mkdir -p releng/bench/out
  ./mvnw -B ${MVN_FLAGS--o} verify -pl "$module" -am \
    -Dtest="$test" -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false \
    >"releng/bench/out/$name.log" 2>&1 || status=$?
  if [ -f "$out" ]; then
    cat "$out"
  else
    echo "$name: no result; see releng/bench/out/$name.log and $module/target/$name/" >&2
  fi
  return "$status"
}
