#!/usr/bin/env node
// The image's HEALTHCHECK (Dockerfile): exit 0 when this container's process is ready, 1 otherwise.
// ROLE=api|all: GET /readyz on PORT (the database can be written and Redis answers).
// ROLE=worker: GET /metrics on METRICS_PORT when it is set (with METRICS_TOKEN if set); else healthy while it runs.
'use strict';
const role = process.env.ROLE || 'all';
const worker = role === 'worker';
const port = worker ? process.env.METRICS_PORT : (process.env.PORT || '4000');
if (!port) process.exit(0);
const path = worker ? '/metrics' : '/readyz';
const headers = worker && process.env.METRICS_TOKEN ? { authorization: `Bearer ${process.env.METRICS_TOKEN}` } : {};
fetch(`http://127.0.0.1:${port}${path}`, { headers, signal: AbortSignal.timeout(4000) })
  .then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1));
