#!/usr/bin/env bash
# EMR bootstrap action of the lakepipe pipeline state machine (state-machines/pipeline.asl.json).
# Uploaded to s3://<artifacts bucket>/bootstrap/sync-artifacts.sh by `make deploy`.
# Args: <emr-steps jar s3 uri> <runtime config snapshot s3 uri>
# Copies both to /home/hadoop/lakepipe/ on every node, so a step can read the snapshot from the
# local disk as well as from S3. The local runtime has no bootstrap: steps read the snapshot in place.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: sync-artifacts.sh <emr-steps jar s3 uri> <runtime config s3 uri>" >&2
  exit 2
fi
jar_uri="$1"
snapshot_uri="$2"
target=/home/hadoop/lakepipe
mkdir -p "$target"
aws s3 cp --only-show-errors "$jar_uri" "$target/emr-steps.jar"
aws s3 cp --only-show-errors "$snapshot_uri" "$target/runtime-config.json"
echo "lakepipe bootstrap: synced $jar_uri and $snapshot_uri to $target"
