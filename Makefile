GO ?= go
BIN ?= bin/retort

.PHONY: build test bench vet fmt clean

build:
	$(GO) build -o $(BIN) .

test:
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 45m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchtime 5x ./...

clean:
	rm -rf bin
