#!/usr/bin/env bash
# Starts the WAR on Payara Micro at context root /, as the README's run command does (mvn -Prun).
# Usage: run.sh <payara-micro.jar> <agent-warden.war>
# Environment: PORT (default 8080), the SWML_* / WARDEN_* settings of the README, JAVA_OPTS.
# With SWML_SSL_ENABLED=true, SWML_SSL_CERT_PATH and SWML_SSL_KEY_PATH (PEM) are turned into a PKCS#12 keystore and
# Payara Micro listens for HTTPS on SSL_PORT (default 8443).
set -euo pipefail
micro_jar=$1
war=$2
here=$(cd "$(dirname "$0")" && pwd)
port=${PORT:-8080}
args=(--deploy "$war" --contextroot / --nocluster --port "$port"
      --prebootcommandfile "$here/pre-boot-commands.txt")

if [[ "${SWML_SSL_ENABLED:-false}" == "true" ]]; then
  : "${SWML_SSL_CERT_PATH:?SWML_SSL_ENABLED=true needs SWML_SSL_CERT_PATH (PEM certificate)}"
  : "${SWML_SSL_KEY_PATH:?SWML_SSL_ENABLED=true needs SWML_SSL_KEY_PATH (PEM private key)}"
  keystore_dir=$(mktemp -d)
  trap 'rm -rf "$keystore_dir"' EXIT
  "$here/pem-to-keystore.sh" "$SWML_SSL_CERT_PATH" "$SWML_SSL_KEY_PATH" "$keystore_dir"
  args+=(--sslport "${SSL_PORT:-8443}" --sslcert s1as)
  JAVA_OPTS="${JAVA_OPTS:-} -Djavax.net.ssl.keyStore=$keystore_dir/keystore.p12 -Djavax.net.ssl.keyStorePassword=changeit"
  JAVA_OPTS="$JAVA_OPTS -Djavax.net.ssl.keyStoreType=PKCS12"
fi

echo "Agent Warden: starting Payara Micro on http://0.0.0.0:$port/ (HTTPS: ${SWML_SSL_ENABLED:-false})"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar "$micro_jar" "${args[@]}"
