#!/usr/bin/env bash
# The real path over HTTP (intake, task completion) beside pgbench TPC-B and a one-row counter, fsync on, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/CaseFlow.Bench -- http "${1:-10}"
