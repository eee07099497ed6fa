#!/usr/bin/env bash
# Starts the WAR on Payara Micro at context root /, as the README's run command does (mvn -Prun).
# Usage: run.sh <payara-micro.jar> <agent-warden.war>
# Environment: PORT (default 8080), the SWML_* / WARDEN_* settings of the README, JAVA_OPTS, PAYARA_OPTS (extra
# Payara Micro options, e.g. --nohazelcast), WARDEN_HTTP_THREADS (HTTP worker threads; tuning.sh).
# With SWML_SSL_ENABLED=true, SWML_SSL_CERT_PATH and SWML_SSL_KEY_PATH (PEM) become a PKCS#12 keystore, Payara Micro
# listens for HTTPS on PORT (default 8443) and the plain-HTTP listener is switched off.
set -euo pipefail
micro_jar=$1
war=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=tuning.sh
. "$here/tuning.sh"
cp "$here/pre-boot-commands.txt" "$work/pre-boot-commands.txt"
warden_preboot_tuning >> "$work/pre-boot-commands.txt"
args=(--deploy "$war" --contextroot / --nocluster --prebootcommandfile "$work/pre-boot-commands.txt")
# shellcheck disable=SC2207
java_opts=($(warden_gc_opts) ${JAVA_OPTS:-})

if [[ "${SWML_SSL_ENABLED:-false}" == "true" ]]; then
  : "${SWML_SSL_CERT_PATH:?SWML_SSL_ENABLED=true needs SWML_SSL_CERT_PATH (PEM certificate)}"
  : "${SWML_SSL_KEY_PATH:?SWML_SSL_ENABLED=true needs SWML_SSL_KEY_PATH (PEM private key)}"
  "$here/pem-to-keystore.sh" "$SWML_SSL_CERT_PATH" "$SWML_SSL_KEY_PATH" "$work"
  port=${PORT:-8443}
  # Payara Micro always opens its HTTP listener; move it to an unused port and switch it off before boot.
  args+=(--port "${HTTP_PORT_DISABLED:-18081}" --sslport "$port" --sslcert warden)
  echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.enabled=false" \
    >> "$work/pre-boot-commands.txt"
  java_opts+=("-Djavax.net.ssl.keyStore=$work/keystore.p12" -Djavax.net.ssl.keyStorePassword=changeit
              -Djavax.net.ssl.keyStoreType=PKCS12)
  scheme=https
else
  port=${PORT:-8080}
  args+=(--port "$port")
  scheme=http
fi

echo "Agent Warden: starting Payara Micro, listening on $scheme://0.0.0.0:$port/"
# Not exec: the trap must remove the keystore when Payara Micro stops.
# shellcheck disable=SC2086
java "${java_opts[@]}" -jar "$micro_jar" "${args[@]}" ${PAYARA_OPTS:-} &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
wait "$pid"
