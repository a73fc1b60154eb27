GO ?= go
BIN ?= bin/retort
# The version `retort --version` prints: the git description of the checkout (a tag when
# there is one, else the commit, "-dirty" with uncommitted changes).
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo unknown)
LDFLAGS := -X main.version=$(VERSION)
# Where `go install` puts the binary: GOBIN when set, else the first GOPATH's bin.
INSTALL_DIR = $(shell d="$$($(GO) env GOBIN)"; [ -n "$$d" ] || d="$$($(GO) env GOPATH | cut -d: -f1)/bin"; echo "$$d")

.PHONY: build install test test-short bench clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

# Installs retort on PATH (when GOBIN or GOPATH/bin is on PATH, as Go's installer sets up);
# says so when it is not.
install:
	$(GO) install -ldflags "$(LDFLAGS)" .
	@dir="$(INSTALL_DIR)"; echo "installed $$dir/retort ($(VERSION))"; \
	case ":$$PATH:" in *":$$dir:"*) ;; *) \
	  echo "NOTE: $$dir is not on your PATH, so the shell will not find retort. Add it:"; \
	  echo "    export PATH=\"\$$PATH:$$dir\"";; esac

# The full run CI uses (.ci/run): vet, then every test with the race detector.
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 45m ./...

# A quick pass: long suites (alembic oracle runs, stress, the README walk) skip and say why.
test-short:
	$(GO) test -short -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchtime 5x ./...

clean:
	rm -rf bin
