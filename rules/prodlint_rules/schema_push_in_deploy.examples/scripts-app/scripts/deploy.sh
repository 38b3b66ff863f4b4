#!/usr/bin/env bash
set -euo pipefail
npx prisma db push --skip-generate # expect: MIG002
npx prisma migrate deploy # ok: MIG002
