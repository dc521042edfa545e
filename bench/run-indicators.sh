#!/usr/bin/env bash
# GET /api/indicators for a year over bulk-loaded procedures (default 1,000,000 concluded + 100,000 open), with plans.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/CaseFlow.Bench -- indicators "$@"
