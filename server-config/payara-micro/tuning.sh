# Performance defaults for Payara Micro, shared by run.sh and bench/run.sh (sourced, not run).
# Measured with bench/run.sh on a 2-core machine (bench/RESULTS.md): these roughly doubled every scenario's requests/s
# and cut p99 latency against the JVM's and Payara Micro's defaults.

# The parallel collector: on a small heap and few cores, G1's concurrent work and write barriers cost more throughput
# and tail latency than Parallel's short young-generation pauses. Left out when JAVA_OPTS already picks a collector.
warden_gc_opts() {
  local collector='-XX:[+]Use[A-Za-z0-9]+GC'
  if [[ " ${JAVA_OPTS:-} " =~ $collector ]]; then
    return
  fi
  echo "-XX:+UseParallelGC"
}

# The heap bound: 512 MiB, which with the JVM's own memory fits a 1 GiB container; left out when JAVA_OPTS bounds
# the heap itself (-Xmx, -XX:MaxHeapSize, -XX:MaxRAM, -XX:MaxRAMPercentage). Without it the JVM takes 1/4 of the
# machine's memory and grows into it under load.
warden_heap_opts() {
  local bound='-Xmx[0-9]|-XX:MaxHeapSize=|-XX:MaxRAM(Percentage|Fraction)?='
  if [[ " ${JAVA_OPTS:-} " =~ $bound ]]; then
    return
  fi
  echo "-Xmx512m"
}

# Worker threads of the HTTP listener: WARDEN_HTTP_THREADS, default 4 per core (at least 8). Payara Micro's default
# pool grows to 200 threads, which on a few cores spend their time switching instead of serving. Prints the pre-boot
# commands that set it.
warden_preboot_tuning() {
  local cores threads
  cores=$(nproc 2>/dev/null || echo 2)
  threads=${WARDEN_HTTP_THREADS:-$((cores * 4 > 8 ? cores * 4 : 8))}
  if ! [[ $threads =~ ^[1-9][0-9]*$ ]]; then
    echo "WARDEN_HTTP_THREADS must be a positive number, not '$threads'" >&2
    return 1
  fi
  echo "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=$threads"
  echo "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.min-thread-pool-size=$threads"
}
