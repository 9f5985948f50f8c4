# One image for every service of a node; SERVICE picks which app runs.
FROM node:20-bookworm-slim
WORKDIR /app

COPY package.json package-lock.json ./
# Dev dependencies too: the services run from TypeScript through @swc-node/register. No install
# scripts, as on the development machines (npm 11's allowScripts; this image's npm 10 lacks it).
RUN npm ci --no-audit --no-fund --ignore-scripts && npm cache clean --force

COPY . .

ARG SERVICE=membership
ENV SERVICE=${SERVICE}
USER node
CMD ["sh", "-c", "exec node -r ./tools/register.js apps/${SERVICE}/src/main.ts"]
