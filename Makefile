# krtplan — two commands do all set-up on a fresh Debian machine:
#   make run    install GLPK if missing, build, plan the bundled flagship case
#   make test   install GLPK if missing, build, run every test
#   make bench  measure (docs/performance.md); BENCH_QUICK=1 for a short run
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = "0" ] || command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != "0" ] && echo sudo)
RUN_CASE ?= cases/flagship-citrate-cvvhdf.yaml

.PHONY: deps build release run test bench bench-venv bench-harness fuzz docs clean calibrate

## Install the system packages GLPK needs (libglpk-dev for linking, glpk-utils for glpsol cross-checks),
## and GNU parallel for the sharded-study test.
deps:
	@if ! dpkg -s libglpk-dev >/dev/null 2>&1 || ! command -v glpsol >/dev/null 2>&1; then \
	  echo "Installing libglpk-dev and glpk-utils with apt-get..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev glpk-utils >/dev/null; \
	fi
	@if ! command -v parallel >/dev/null 2>&1; then \
	  echo "Installing GNU parallel with apt-get (the sharded-study test, docs/population.md)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq parallel >/dev/null; \
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

## The calibration harness (docs/validation.md): every published figure of docs/validation/figures.yaml
## simulated, the population fit on the calibration half, and docs/validation.md's generated section and
## docs/validation/calibrated-parameters.yaml rewritten. CALIBRATE_FLAGS=--no-fit skips the fit.
calibrate: deps
	$(SWIFT) build -c release --product krtplan
	.build/release/krtplan calibrate --write $(CALIBRATE_FLAGS)

## Fuzz each libFuzzer target for FUZZ_SECONDS (default 60) each; docs/safety.md#fuzzing.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= case lp fhir
fuzz: deps
	$(SWIFT) package resolve
	Fuzz/build.sh
	@status=0; for target in $(FUZZ_TARGETS); do Fuzz/run.sh $$target $(FUZZ_SECONDS) || status=1; done; exit $$status

## Benchmarks (docs/performance.md). The harness is built with -enable-testing in its own scratch
## folder so it can time the model build and the search phases; the CLI is the plain release build.
BENCH_VENV ?= .venv-bench
BENCH_FLAGS := $(if $(filter 1,$(BENCH_QUICK)),--quick,)

bench-venv:
	@Benchmarks/setup-venv.sh $(BENCH_VENV)

## Falls back when the planner's internals have moved on: first without the experiments, then public API only.
BENCH_BUILD := $(SWIFT) build -c release --scratch-path .build-bench --product krtplan-bench -Xswiftc -enable-testing

bench-harness: deps
	@$(BENCH_BUILD) -Xswiftc -DKRTPLAN_BENCH_TESTABLE -Xswiftc -DKRTPLAN_BENCH_EXPERIMENTS \
	|| { echo "bench: Experiments/Diagnose+Internals.swift no longer compile against the planner; building without them"; \
	     $(BENCH_BUILD) -Xswiftc -DKRTPLAN_BENCH_TESTABLE; } \
	|| { echo "bench: PlanMeasure+Internals.swift no longer compiles; building the public-API harness"; $(BENCH_BUILD); }

bench: release bench-harness bench-venv
	$(BENCH_VENV)/bin/python Benchmarks/run.py --krtplan .build/release/krtplan \
	  --bench .build-bench/release/krtplan-bench $(BENCH_FLAGS)

clean:
	rm -rf .build .build-bench
