# syntax=docker/dockerfile:1
# article-server image: build with
#   docker build -t ghcr.io/example/article-server:0.1.0 .
# (BuildKit, the default builder since Docker 23, is needed for the cache mount.)

# ---- build ----------------------------------------------------------------------------------
FROM rust:1.95-bookworm AS builder
WORKDIR /src

# 1. Dependencies only: manifests, lock file and stub sources, so this layer is reused until
#    Cargo.toml / Cargo.lock change.
COPY Cargo.toml Cargo.lock build.rs ./
COPY services/engine/Cargo.toml services/engine/
COPY services/server/Cargo.toml services/server/
COPY clients/rust/Cargo.toml clients/rust/
RUN for f in src/lib.rs services/engine/src/lib.rs services/server/src/main.rs \
             clients/rust/src/lib.rs clients/rust/src/bin/articlectl.rs; do \
      mkdir -p "$(dirname "$f")" && echo 'fn main() {}' > "$f"; \
    done \
 && cargo fetch --locked

# 2. The real sources (see .dockerignore), then the release build. The target directory is a
#    cache mount, so rebuilds recompile only what changed; the binary is copied out of it.
COPY . .
RUN --mount=type=cache,target=/src/target,sharing=locked \
    cargo build --release --locked --offline -p article-server --bin article-server \
 && cp target/release/article-server /usr/local/bin/article-server \
 && strip /usr/local/bin/article-server

# ---- runtime --------------------------------------------------------------------------------
# distroless/cc: glibc, libgcc, CA certificates, no shell; the :nonroot tag runs as uid 65532.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=builder /usr/local/bin/article-server /usr/local/bin/article-server
ENV ARTICLE_LISTEN=0.0.0.0:50051 \
    ARTICLE_LOG_FORMAT=json
EXPOSE 50051 9090
# Numeric (= distroless "nonroot") so that runAsNonRoot can be verified by the kubelet.
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/article-server"]
