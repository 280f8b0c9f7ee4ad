# One image for both processes of the application (docker-compose.yml): the API (default command) and the worker
# (`node dist/worker/main.js`). Plain JavaScript at run time: compiled by `npm run build`, no ts-node, no bundling
# at start-up (the workflow bundle is built here, dist/workflow-bundle.js).
#
#   docker build -t gemeinde-onboarding:<version> .
#
# Node 20 on Debian bookworm (glibc: the Temporal SDK's native core bridge ships prebuilt for it). Pinned to a
# patch version; bump it deliberately (docs/operations.md, "Upgrades").
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- build: all dependencies, compile, bundle workflows, build the web UI ----------------------------------------
FROM ${NODE_IMAGE} AS build
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app
# dependencies first: this layer is reused as long as the lock file does not change
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# npm run build: tsc -p tsconfig.build.json → dist/, the assets the compiled code reads (SQL migrations, API docs
# page, PGlite thread) → dist/, the workflow bundle → dist/workflow-bundle.js, the web UI → web/dist
RUN npm run build \
 && test -f dist/api/main.js \
 && test -f dist/worker/main.js \
 && test -f dist/workflow-bundle.js \
 && test -n "$(ls dist/store/migrations/*.sql)" \
 && test -f dist/api/openapi/docs/index.html \
 && test -f web/dist/index.html

# ---- runtime: production dependencies and the build output only ---------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev \
 && npm cache clean --force
# package.json stays: api/web.ts finds the project root (and web/dist) by it
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY deploy/healthcheck.js ./deploy/healthcheck.js

USER node
EXPOSE 3000 9464
# the processes drain on SIGTERM (SHUTDOWN_GRACE_SECONDS); exec form below so node itself receives it
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=4 CMD ["node", "deploy/healthcheck.js"]
CMD ["node", "dist/api/main.js"]
