# Sourced by the benchmarks: the till's heap and collector, read from the one place they are set
# (medpay.sh's "tuning=(...)" line), so a benchmark measures with exactly what the product starts with.
medpay_product_tuning() { # prints the options, or fails with a message when the line is missing
  local sh=features/org.medpay.feature/rootfiles/linux/medpay.sh tuning
  tuning=$(sed -n 's/^tuning=(\(.*\))$/\1/p' "$sh")
  [ -n "$tuning" ] || { echo "no tuning=(...) line in $sh" >&2; return 2; }
  echo "$tuning"
}
