# The API image for docker-compose.yml. Runs TypeScript with tsx (no build step), as `npm start` does.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY cypher ./cypher
COPY seed ./seed
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Migrate, seed an empty graph, then serve.
CMD ["sh", "-c", "npx tsx src/bootstrap-cli.ts && exec npx tsx src/server.ts"]
