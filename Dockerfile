# One image for both production processes: `node dist/node/server/main.js` (API and web UI, the
# default command) and `node dist/node/workers/main.js` (queue processors), compiled from the
# TypeScript sources at build time by scripts/build.mjs. docker-compose.yml runs one of each. Node
# itself is PID 1's child (compose's `init: true`): no npm, npx or shell in between, so SIGTERM reaches
# the app's shutdown handlers.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Compilers only for a native module (better-sqlite3, argon2) that has no prebuilt binary for the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN node scripts/build.mjs \
  && npm prune --omit=dev --no-audit --no-fund --loglevel=error

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# The compiled code reads its data files and migrations beside the sources, at the same /app paths as
# in the build stage; .dockerignore keeps tests, docs and local state out.
COPY --chown=node:node . .
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/node/server/main.js"]
