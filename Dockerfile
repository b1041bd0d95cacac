# The API image for docker-compose.yml: compiled JavaScript on Node 20, run as the unprivileged `node` user.
# The build stage also builds the web app (Vite is a dev dependency); only web/dist reaches the image.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json
COPY openapi ./openapi
COPY web ./web
RUN npx vite build --config web/vite.config.ts

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY cypher ./cypher
COPY seed/*.json ./seed/
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Migrate, seed an empty graph, then serve.
CMD ["sh", "-c", "node dist/bootstrap-cli.js && exec node dist/server.js"]
