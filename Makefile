# cgo (gojieba) needs g++.
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.Version=$(VERSION)

.PHONY: build test lint golden bench run

build:
	CGO_ENABLED=1 go build -ldflags "$(LDFLAGS)" -o bin/ ./cmd/...

test:
	go test -race -count=1 ./...

lint:
	go vet ./...
	test -z "$$(gofmt -l .)"

golden:
	go test ./... -run Golden -update

bench:
	go test -run '^$$' -bench . -benchmem ./analyzers/ ./index/...

run:
	go run ./cmd/search
