#!/usr/bin/env bash
# Starts the WAR on Payara Micro at context root /, as the README's run command does (mvn -Prun).
# Usage: run.sh <payara-micro.jar> <agent-warden.war>
# Environment: PORT (default 8080), the SWML_* / WARDEN_* settings of the README, JAVA_OPTS, PAYARA_OPTS (extra
# Payara Micro options), WARDEN_CLUSTER (cluster mode; cluster.sh), WARDEN_HTTP_THREADS (HTTP worker threads; tuning.sh), WARDEN_RUNTIME_DIR and WARDEN_CDS (the
# runtime kept between starts and its class-data-sharing archive; runtime.sh).
# The JVM's heap is bounded to 512 MiB (fits a 1 GiB container) unless JAVA_OPTS sets -Xmx or a MaxRAM option.
# With SWML_SSL_ENABLED=true, SWML_SSL_CERT_PATH and SWML_SSL_KEY_PATH (PEM) become a PKCS#12 keystore, Payara Micro
# listens for HTTPS on PORT (default 8443) and the plain-HTTP listener is switched off.
# The work directory (pre-boot commands; with SSL the keystore, its random password and the private key in it) is
# made under TMPDIR (default /tmp), readable by this user only, and removed on every exit: the server stopping or
# dying, SIGTERM, SIGINT (Ctrl-C), SIGHUP, or a failure before the start. Only SIGKILL of this script leaves it behind.
# When the application answers /ready (polled with curl), a banner with the URL and the credentials' whereabouts is
# printed last.
set -euo pipefail
micro_jar=$1
war=$2
here=$(cd "$(dirname "$0")" && pwd)
umask 077
pid=
work=
ready=

# Stops the server (TERM, then KILL after 30 s) and removes the work directory; runs on every exit of this script.
cleanup() {
  local status=$?
  set +e
  trap '' INT TERM HUP
  if [[ -n $pid ]]; then
    kill -TERM "$pid" 2>/dev/null
    local i
    for ((i = 0; i < 300; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=
  fi
  # Only after a start that reached /ready: its list of loaded classes is then complete.
  if [[ -n $ready && -n $work ]]; then
    warden_cds_dump
  fi
  if [[ -n $work ]]; then
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

# 32 random letters and digits from /dev/urandom (printed to stdout: capture it, never echo it).
random_password() {
  local chars=
  while ((${#chars} < 32)); do
    chars+=$(LC_ALL=C tr -dc 'A-Za-z0-9' < <(head -c 512 /dev/urandom))
  done
  printf '%s' "${chars:0:32}"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/agent-warden-run.XXXXXX")
chmod 700 "$work"
# shellcheck source=tuning.sh
. "$here/tuning.sh"
# shellcheck source=runtime.sh
. "$here/runtime.sh"
# shellcheck source=cluster.sh
. "$here/cluster.sh"
cp "$here/pre-boot-commands.txt" "$work/pre-boot-commands.txt"
warden_preboot_tuning >> "$work/pre-boot-commands.txt"
# One node: neither clustering nor the Hazelcast data grid (which alone costs ~4 s of CPU at start); with
# WARDEN_CLUSTER, Payara Micro's cluster mode (cluster.sh).
cluster_args=$(warden_cluster_args) || exit 2
mapfile -t cluster_args <<<"$cluster_args"
args=(--deploy "$war" --contextroot / "${cluster_args[@]}" --prebootcommandfile "$work/pre-boot-commands.txt")
# shellcheck disable=SC2207
java_opts=($(warden_gc_opts) $(warden_heap_opts) ${JAVA_OPTS:-})

if [[ "${SWML_SSL_ENABLED:-false}" == "true" ]]; then
  : "${SWML_SSL_CERT_PATH:?SWML_SSL_ENABLED=true needs SWML_SSL_CERT_PATH (PEM certificate)}"
  : "${SWML_SSL_KEY_PATH:?SWML_SSL_ENABLED=true needs SWML_SSL_KEY_PATH (PEM private key)}"
  keystore_password=$(random_password)
  WARDEN_KEYSTORE_PASSWORD=$keystore_password \
    "$here/pem-to-keystore.sh" "$SWML_SSL_CERT_PATH" "$SWML_SSL_KEY_PATH" "$work"
  port=${PORT:-8443}
  # Payara Micro always opens its HTTP listener; move it to an unused port and switch it off before boot.
  args+=(--port "${HTTP_PORT_DISABLED:-18081}" --sslport "$port" --sslcert warden)
  echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.enabled=false" \
    >> "$work/pre-boot-commands.txt"
  # The keystore settings go through a java @argfile (mode 600, in the work directory) so that the password is
  # neither on the command line (ps) nor echoed by the launcher (as JDK_JAVA_OPTIONS would be).
  printf '"%s"\n' "-Djavax.net.ssl.keyStore=$work/keystore.p12" "-Djavax.net.ssl.keyStorePassword=$keystore_password" \
    "-Djavax.net.ssl.keyStoreType=PKCS12" > "$work/keystore.args"
  unset keystore_password
  java_opts+=("@$work/keystore.args")
  scheme=https
else
  port=${PORT:-8080}
  args+=(--port "$port")
  scheme=http
fi

# Printed last, once the application is ready: where to find it and its credentials, without repeating a secret.
banner() {
  local user=${SWML_BASIC_AUTH_USER:-signalwire} admin=${WARDEN_ADMIN_USER:-admin} basic
  if [[ -n ${SWML_BASIC_AUTH_PASSWORD:-} ]]; then
    basic="password from SWML_BASIC_AUTH_PASSWORD"
  else
    basic="password generated: see \"Agent Warden Basic credentials\" above"
  fi
  cat <<EOF

==================================================================================================================
 Agent Warden is ready: $scheme://localhost:$port/
 Agent routes (HTTP Basic): user $user, $basic
   The Basic password changes on every start unless SWML_BASIC_AUTH_PASSWORD is set, and a SignalWire webhook
   configured with the old one stops working: pin it with SWML_BASIC_AUTH_PASSWORD=\$(openssl rand -hex 16).
 Platform API /api: admin user $admin; its password is printed once, on the first start only
   ("Agent Warden API admin created" above). WARDEN_ADMIN_PASSWORD only applies on that first start;
   to reset a lost one, start once with WARDEN_ADMIN_RESET=true (and WARDEN_ADMIN_PASSWORD), then unset it.
==================================================================================================================
EOF
}

# Polls /ready while the server runs, then prints the banner; without curl, prints it at once.
await_ready() {
  if ! command -v curl >/dev/null; then
    banner
    echo " (curl not found: the banner above was printed before the application was ready)"
    return 0
  fi
  while kill -0 "$pid" 2>/dev/null; do
    if curl -fsk --noproxy '*' -o /dev/null --max-time 2 "$scheme://127.0.0.1:$port/ready"; then
      ready=1
      banner
      return 0
    fi
    sleep 0.5
  done
}

echo "Agent Warden: starting Payara Micro on port $port ($scheme); a banner follows when it is ready"
# Not exec: the EXIT trap must stop the server and remove the work directory.
# shellcheck disable=SC2086
warden_runtime "$micro_jar" "$work"
java "${java_opts[@]}" "${micro_launch[@]}" "${args[@]}" ${PAYARA_OPTS:-} &
pid=$!
await_ready
status=0
wait "$pid" || status=$?
pid=
exit "$status"
