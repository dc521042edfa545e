#!/usr/bin/env bash
# Instances run to their first human task per second, beside pgbench TPC-B on the same cluster, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/CaseFlow.Bench -- runtime "${1:-10}"
