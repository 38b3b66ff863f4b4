#!/usr/bin/env bash
set -euo pipefail
npx prisma migrate deploy # expect: MIG002
npx prisma migrate deploy # ok: MIG002
