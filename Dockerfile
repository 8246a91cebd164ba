# privlint as a container image, for CI systems where neither the GitHub Action nor pre-commit runs:
#
#   docker build -t privlint .
#   docker run --rm -v "$PWD:/src:ro" privlint --format sarif . > privlint.sarif
#
# The image holds the privlint binary and nothing else (no shell), runs as an unprivileged user
# (nonroot, uid 65532) and scans /src. The version comes from the .git of the build context; where
# git cannot read it there (a worktree, whose .git points outside the context), build with
# --build-arg GOFLAGS=-buildvcs=false. Both base images are pinned by tag; add a digest
# (name:tag@sha256:...) to pin them exactly.

FROM golang:1.26-bookworm AS build
ARG GOFLAGS
WORKDIR /build
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/privlint ./cmd/privlint

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/privlint /usr/local/bin/privlint
USER nonroot:nonroot
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/privlint"]
