# Chōtei: one image for the API and the workers (ROLE=api|worker|all). Runs as the unprivileged "node" user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update -qq && apt-get install -y -qq python3 make g++ >/dev/null && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY reference ./reference
COPY bin ./bin
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build --chown=root:root /app /app
# The code stays root's (read-only to the process); only DATA_DIR (evidence files, mail, a SQLite file) is writable.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# ROLE=api|all: /readyz (database writable, Redis answering); ROLE=worker: its METRICS_PORT when set (bin/healthcheck.js).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "bin/healthcheck.js"]
CMD ["node", "--max-semi-space-size=32", "dist/src/main.js"]
