# Sourced by the benchmarks' run.sh that measure with wrk: wrk's figures, and their summary over
# rounds. Each round is a line "ROUND NAME requests/s p50_ms p99_ms non-2xx ..." in a file.

# Prints "requests/s p50_ms p99_ms non-2xx requests" from wrk --latency output.
wrk_figures() {
  awk '
    function ms(v) { if (v ~ /us$/) return substr(v, 1, length(v)-2)/1000; if (v ~ /ms$/) return substr(v, 1, length(v)-2)+0; if (v ~ /s$/) return substr(v, 1, length(v)-1)*1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { errors = $NF }
    / requests in / { requests = $1 }
    END { printf "%.0f %.3f %.3f %d %d\n", rps, p50, p99, errors, requests }'
}

# Prints NAME's mean requests/s over the rounds in FILE, its median p50 and p99, its total non-2xx,
# then the median of each further COLUMN given.
rounds_summary() { # file name [column...]
  local file=$1 name=$2 column
  shift 2
  printf '%s %s %s %s' \
    "$(awk -v n="$name" '$2 == n { s += $3; k++ } END { printf "%.0f", s / k }' "$file")" \
    "$(rounds_median "$file" "$name" 4)" "$(rounds_median "$file" "$name" 5)" \
    "$(awk -v n="$name" '$2 == n { s += $6 } END { print s + 0 }' "$file")"
  for column in "$@"; do printf ' %s' "$(rounds_median "$file" "$name" "$column")"; done
  echo
}

rounds_median() { # file name column
  awk -v n="$2" -v c="$3" '$2 == n { print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
