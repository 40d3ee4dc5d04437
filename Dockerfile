# esops as a container: a static musl binary on an empty base, running as a non-root user.
#
#   docker build -t esops .
#   docker run --rm -v "$PWD:/work" -e ESOPS_URL -e ESOPS_API_KEY esops plan
#
# The working directory is /work, so a mounted repository's ./policies is the default tree.

FROM rust:1-alpine AS build
# ring (rustls's crypto) compiles C: musl-dev gives it a libc; ca-certificates for the final image.
RUN apk add --no-cache musl-dev ca-certificates
WORKDIR /src
COPY . .
# Alpine's Rust targets musl and links statically by default.
RUN CARGO_PROFILE_RELEASE_STRIP=true cargo build --release --locked --bin esops

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /src/target/release/esops /usr/local/bin/esops
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
# nobody:nogroup; HOME where a mounted config can live (/home/esops/.config/esops/config.yaml).
USER 65534:65534
ENV HOME=/home/esops
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/esops"]
CMD ["--help"]
