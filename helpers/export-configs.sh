#!/usr/bin/env bash
# Print an identifier's config items from the DynamoDB config table as JSON (the import format).
# Usage: helpers/export-configs.sh [IDENTIFIER] [--table T] [--endpoint URL] [-o FILE]
#   IDENTIFIER defaults to tpcc, --table to $LAKEPIPE_CONFIG_TABLE or lakepipe-configs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
identifier="tpcc"
if [[ $# -gt 0 && "$1" != -* ]]; then
  identifier="$1"
  shift
fi
table_args=()
[[ " $* " == *" --table "* || " $* " == *" --table="* ]] || table_args=(--table "${LAKEPIPE_CONFIG_TABLE:-lakepipe-configs}")
exec "$root/bin/lakepipe" configs export --identifier "$identifier" "${table_args[@]}" "$@"
