#!/usr/bin/env bash
# Validate a config file and import it into the DynamoDB config table.
# Usage: helpers/import-configs.sh [FILE] [--table T] [--endpoint URL] [--dry-run]
#   FILE defaults to pipeline-configs/tpcc.json, --table to $LAKEPIPE_CONFIG_TABLE or lakepipe-configs.
#   Without --endpoint the table lives in a DynamoDB Local kept under $LAKEPIPE_HOME/dynamodb.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="$root/pipeline-configs/tpcc.json"
if [[ $# -gt 0 && "$1" != --* ]]; then
  file="$1"
  shift
fi
table_args=()
[[ " $* " == *" --table "* || " $* " == *" --table="* ]] || table_args=(--table "${LAKEPIPE_CONFIG_TABLE:-lakepipe-configs}")
exec "$root/bin/lakepipe" configs import "$file" "${table_args[@]}" "$@"
