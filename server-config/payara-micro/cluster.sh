# Cluster mode of the run command (sourced by run.sh, not run).
#
# WARDEN_CLUSTER=host:port,host:port (the members) starts Payara Micro in its cluster mode instead of --nocluster:
# --clustermode tcpip:<members>, --clustername WARDEN_CLUSTER_NAME (default agent-warden), and, when every member is
# on one host (nodes side by side on a machine), --interfaces <that host> --nohostaware; on several hosts,
# WARDEN_CLUSTER_INTERFACE names this node's address. Payara Micro's data grid listens from port 6900 up, one port
# per node on a host, so list 6900, 6901, ... for nodes sharing a host.
#
# Refused (exit 2, with what to set): the embedded H2 store (one node's file; set WARDEN_DATASOURCE to a shared
# PostgreSQL, server-config/postgresql/README.md), and any of the secrets every node must share left unset
# (SWML_FUNCTION_TOKEN_SECRET, WARDEN_JWT_SECRET, WARDEN_SECRETS_KEY: generated per node otherwise, so a token minted
# on one node would fail on the others).

# warden_cluster_args: prints the Payara Micro options of the mode, one per line (--nocluster --nohazelcast without
# WARDEN_CLUSTER); returns 2 with a message on stderr when cluster mode cannot start.
warden_cluster_args() {
  local members=${WARDEN_CLUSTER:-}
  if [[ -z $members ]]; then
    printf '%s\n' --nocluster --nohazelcast
    return 0
  fi
  local member='[A-Za-z0-9.-]+:[0-9]{1,5}'
  if ! [[ $members =~ ^$member(,$member)*$ ]]; then
    echo "WARDEN_CLUSTER must list the members as host:port,host:port (e.g. 127.0.0.1:6900,127.0.0.1:6901), not '$members'" >&2
    return 2
  fi
  if [[ -z ${WARDEN_DATASOURCE:-} ]]; then
    echo "WARDEN_CLUSTER needs a store all nodes share: the embedded H2 database is one node's file." \
      "Set WARDEN_DATASOURCE to a PostgreSQL data source (server-config/postgresql/README.md)." >&2
    return 2
  fi
  local missing=() name
  for name in SWML_FUNCTION_TOKEN_SECRET WARDEN_JWT_SECRET WARDEN_SECRETS_KEY; do
    [[ -n ${!name:-} ]] || missing+=("$name")
  done
  if ((${#missing[@]} > 0)); then
    echo "WARDEN_CLUSTER needs the secrets every node shares; set ${missing[*]} (the same value on every node)." >&2
    return 2
  fi
  echo "Agent Warden: cluster mode with $members. The nodes share the store, the secrets and the data grid;" \
    "rate limits, replay caches and key caches are still each node's own (README \"Cluster\")." >&2
  printf '%s\n' --clustermode "tcpip:$members" --clustername "${WARDEN_CLUSTER_NAME:-agent-warden}"
  local hosts
  hosts=$(tr ',' '\n' <<<"$members" | cut -d: -f1 | sort -u)
  if [[ -n ${WARDEN_CLUSTER_INTERFACE:-} ]]; then
    printf '%s\n' --interfaces "$WARDEN_CLUSTER_INTERFACE"
  elif [[ $(wc -l <<<"$hosts") -eq 1 ]]; then
    printf '%s\n' --interfaces "$hosts"
  fi
  if [[ $(wc -l <<<"$hosts") -eq 1 ]]; then
    printf '%s\n' --nohostaware
  fi
}
