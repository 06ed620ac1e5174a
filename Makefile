# krtplan — two commands do all set-up on a fresh Debian machine:
#   make run    install GLPK if missing, build, plan the bundled flagship case
#   make test   install GLPK if missing, build, run every test
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = "0" ] || command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != "0" ] && echo sudo)
RUN_CASE ?= cases/flagship-citrate-cvvhdf.yaml

.PHONY: deps build release run test bench fuzz docs clean

## Install the system packages GLPK needs (libglpk-dev for linking, glpk-utils for glpsol cross-checks).
deps:
	@if ! dpkg -s libglpk-dev >/dev/null 2>&1 || ! command -v glpsol >/dev/null 2>&1; then \
	  echo "Installing libglpk-dev and glpk-utils with apt-get..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev glpk-utils >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## The main job: plan the bundled flagship case.
run: release
	.build/release/krtplan plan $(RUN_CASE)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Fuzz each libFuzzer target for FUZZ_SECONDS (default 60) each; docs/safety.md#fuzzing.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= case lp
fuzz: deps
	$(SWIFT) package resolve
	Fuzz/build.sh
	@status=0; for target in $(FUZZ_TARGETS); do Fuzz/run.sh $$target $(FUZZ_SECONDS) || status=1; done; exit $$status

clean:
	rm -rf .build
