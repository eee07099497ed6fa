#!/usr/bin/env bash
# Turns a PEM certificate (chain) and private key into the PKCS#12 keystore Payara Micro reads.
# Usage: pem-to-keystore.sh <cert.pem> <key.pem> <out-dir>   → <out-dir>/keystore.p12, alias "warden", password "changeit"
# ("changeit" only guards a file that exists for the life of the process, in a private temp directory).
set -euo pipefail
cert=$1
key=$2
out=$3
[[ -r "$cert" ]] || { echo "SWML_SSL_CERT_PATH '$cert' is not a readable PEM file" >&2; exit 2; }
[[ -r "$key" ]] || { echo "SWML_SSL_KEY_PATH '$key' is not a readable PEM file" >&2; exit 2; }
umask 077
openssl pkcs12 -export -in "$cert" -inkey "$key" -name warden -out "$out/keystore.p12" -passout pass:changeit
