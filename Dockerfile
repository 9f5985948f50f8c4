# One image for every service of a node; SERVICE picks which app runs.
FROM node:20-bookworm-slim
WORKDIR /app

COPY package.json package-lock.json ./
# Dev dependencies too: @swc/core compiles the services (tools/build.js). No install
# scripts, as on the development machines (npm 11's allowScripts; this image's npm 10 lacks it).
RUN npm ci --no-audit --no-fund --ignore-scripts && npm cache clean --force

COPY . .
RUN node tools/build.js

ARG SERVICE=membership
ENV SERVICE=${SERVICE}
USER node
CMD ["sh", "-c", "exec node -r ./tools/run-dist.js dist/apps/${SERVICE}/src/main.js"]
