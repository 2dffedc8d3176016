# syntax=docker/dockerfile:1
# Build: a static briefbot (cgo for SQLite with FTS5; osusergo and netgo so
# that nothing needs the C library at run time).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -tags 'sqlite_fts5 osusergo netgo' \
        -ldflags "-s -w -extldflags '-static'" -o /out/briefbot ./cmd/briefbot \
    && /out/briefbot version

# Run: CA certificates for HTTPS (Discord, /admin add url), time zone data
# (also compiled into the binary through time/tzdata), a non-root user, and
# the corpus on a volume.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin briefbot \
    && mkdir -p /data \
    && chown briefbot:briefbot /data
COPY --from=build /out/briefbot /usr/local/bin/briefbot
ENV BRIEFBOT_DB=/data/briefbot.db \
    BRIEFBOT_BACKUP_DIR=/data/backups
VOLUME ["/data"]
WORKDIR /data
USER briefbot
ENTRYPOINT ["briefbot"]
CMD ["run"]
