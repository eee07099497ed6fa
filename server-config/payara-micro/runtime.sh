# The Payara Micro runtime kept between starts, and a class-data-sharing archive of it (sourced by run.sh, not run).
#
# By default Payara Micro unpacks its 100 MB runtime into a new temporary directory on every start, and the JVM then
# loads and verifies ~20 000 classes from it. Here the runtime is unpacked once into WARDEN_RUNTIME_DIR (default
# ~/.cache/agent-warden, one sub-directory per payara-micro.jar) and started through its launcher; the first start
# records the classes it loads, and after its clean stop the JDK writes them into an AppCDS archive
# (-Xshare:dump, ~20-30 s, once per Payara Micro and JDK) that every later start maps instead of loading them.
# Measured in bench/README.md ("Cold start"). WARDEN_CDS=false starts the old way.
#
# Each start gets a pristine configuration (domain.xml as unpacked) and no previously deployed application: nothing of
# one start's settings leaks into the next. The directory is locked for the server's lifetime; a second server on the
# same host (a cluster's second node) finds it locked and starts the old way, as does a start whose PAYARA_OPTS add
# libraries (--addlibs: Payara Micro refuses them with its launcher).
#
# warden_runtime <payara-micro.jar> <work dir> sets:
#   micro_launch  what follows the JVM options: -jar <the launcher or payara-micro.jar>
#   java_opts     (appended) -XX:SharedArchiveFile=<archive>, or -XX:DumpLoadedClassList=<work>/classes.lst
#   cds_archive   the archive the next starts use, cds_classlist the list to write it from (empty: nothing to write)
warden_runtime() {
  local micro_jar=$1 work=$2
  micro_launch=(-jar "$micro_jar")
  cds_archive=
  cds_classlist=
  if [[ ${WARDEN_CDS:-true} != true ]]; then
    return 0
  fi
  # Payara Micro refuses --addlibs (e.g. the PostgreSQL driver) with its launcher jar.
  if [[ " ${PAYARA_OPTS:-} " =~ \ --(addlibs|addjars)\  ]]; then
    echo "Agent Warden: PAYARA_OPTS adds libraries (--addlibs), which Payara Micro's kept runtime cannot take:" \
      "starting without it"
    return 0
  fi
  if ! command -v flock >/dev/null || ! command -v sha256sum >/dev/null; then
    echo "Agent Warden: flock or sha256sum not found: starting without the cached runtime"
    return 0
  fi
  local base=${WARDEN_RUNTIME_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/agent-warden}
  local jar_sum root
  jar_sum=$(sha256sum < "$micro_jar" | cut -c1-16) || return 0
  root=$base/payara-$jar_sum
  if ! mkdir -p "$base" 2>/dev/null; then
    echo "Agent Warden: cannot create $base: starting without the cached runtime"
    return 0
  fi
  exec {runtime_lock}>"$root.lock"
  if ! flock -n "$runtime_lock"; then
    exec {runtime_lock}>&-
    echo "Agent Warden: $root is used by another server: starting without the cached runtime (slower)"
    return 0
  fi
  if [[ ! -f $root/launch-micro.jar || ! -d $root/config.pristine ]]; then
    rm -rf "$root"
    if ! java -jar "$micro_jar" --rootdir "$root" --outputlauncher >"$work/outputlauncher.log" 2>&1 \
      || [[ ! -f $root/launch-micro.jar ]] || ! cp -a "$root/config" "$root/config.pristine"; then
      echo "Agent Warden: could not unpack Payara Micro into $root: starting without the cached runtime"
      rm -rf "$root"
      return 0
    fi
  fi
  rm -rf "$root/applications" "$root/autodeploy" "$root/generated" "$root/logs" "$root/config" "$root"/cds-*.tmp
  cp -a "$root/config.pristine" "$root/config"
  micro_launch=(-jar "$root/launch-micro.jar")
  local key
  # Per JDK: an archive only maps into the JVM that wrote it. Not per WAR: the application's classes in it are checked
  # against their class files (size and CRC) when loaded, and a changed class is simply loaded from the new WAR.
  key=$(java -version 2>&1 | sha256sum | cut -c1-16)
  cds_archive=$root/cds-$key.jsa
  if [[ -f $cds_archive ]]; then
    java_opts+=("-XX:SharedArchiveFile=$cds_archive")
  else
    cds_classlist=$work/classes.lst
    java_opts+=("-XX:DumpLoadedClassList=$cds_classlist")
  fi
}

# After the server of a start that recorded its classes has stopped: writes the archive for the next starts (the older
# archives of this runtime go). Interruptible; a failed or interrupted dump leaves no archive behind.
warden_cds_dump() {
  if [[ -z ${cds_classlist:-} || ! -s $cds_classlist ]]; then
    return 0
  fi
  echo "Agent Warden: writing the class-data-sharing archive for faster starts (once; Ctrl-C skips it)"
  rm -f "${cds_archive%/*}"/cds-*.jsa
  # shellcheck disable=SC2046
  if (trap - INT TERM HUP; exec timeout --foreground 300 java $(warden_gc_opts) -Xshare:dump \
    -XX:SharedClassListFile="$cds_classlist" -XX:SharedArchiveFile="$cds_archive.tmp" "${micro_launch[@]}") \
    >"${cds_classlist%/*}/cds-dump.log" 2>&1 && [[ -s $cds_archive.tmp ]]; then
    mv "$cds_archive.tmp" "$cds_archive"
    echo "Agent Warden: the next start uses $cds_archive"
  else
    rm -f "$cds_archive.tmp"
    echo "Agent Warden: no class-data-sharing archive was written (interrupted, or the JDK refused); the next start tries again"
  fi
}
