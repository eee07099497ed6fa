#!/usr/bin/env bash
# Turns a PEM certificate (chain) and private key into the PKCS#12 keystore Payara Micro reads.
# Usage: WARDEN_KEYSTORE_PASSWORD=<password> pem-to-keystore.sh <cert.pem> <key.pem> <out-dir>
#   → <out-dir>/keystore.p12 (mode 600), alias "warden", protected by WARDEN_KEYSTORE_PASSWORD (run.sh makes a random
#   one per start). openssl reads the password from the environment, so it never appears on a command line.
set -euo pipefail
cert=$1
key=$2
out=$3
: "${WARDEN_KEYSTORE_PASSWORD:?pem-to-keystore.sh needs WARDEN_KEYSTORE_PASSWORD (the keystore password)}"
[[ -r "$cert" ]] || { echo "SWML_SSL_CERT_PATH '$cert' is not a readable PEM file" >&2; exit 2; }
[[ -r "$key" ]] || { echo "SWML_SSL_KEY_PATH '$key' is not a readable PEM file" >&2; exit 2; }
umask 077
openssl pkcs12 -export -in "$cert" -inkey "$key" -name warden -out "$out/keystore.p12" \
  -passout env:WARDEN_KEYSTORE_PASSWORD
chmod 600 "$out/keystore.p12"
