# linli's control plane (API and workers). Speech: espeak-ng and sox from Debian.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends espeak-ng sox libsox-fmt-all \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts tsconfig.json ./
COPY prisma ./prisma
COPY src ./src
COPY web ./web
RUN npm ci --no-audit --no-fund && npm run build && npm run build:web
COPY dialplans ./dialplans
ENV NODE_ENV=production MEDIA_DIR=/app/audio ASTERISK_MEDIA_DIR=/media/linli
CMD ["node", "dist/src/main/serve.js", "--role", "all"]
