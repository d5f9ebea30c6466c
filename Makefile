# parley: the two commands of the README are `make demo` and `make check`.
BUILD      ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps deps-check build install demo check check-sanitize check-valgrind \
	check-tsan fuzz fuzz-merge bench clean browser-deps

all: build

deps:
	@scripts/install-deps.sh build

deps-check:
	@scripts/install-deps.sh check

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

# The benchmarks of bench/ (not built by default): build/bench/bench_{eu,frontier,sao,smp}.
bench: build
	cmake --build $(BUILD) -j $(JOBS) --target bench

# Libraries, headers, parley, parley.pc and the docs (README "Using the library");
# PREFIX=DIR installs elsewhere than CMake's default, /usr/local.
install: build
	cmake --install $(BUILD) $(if $(PREFIX),--prefix $(PREFIX))

# Runs the default analysis: the talks on the US-backed plan to end the war in Ukraine.
demo: build
	./$(BUILD)/parley run

# The npm packages of the browser test (tests/browser: puppeteer-core, pinned by its
# package-lock.json). The browser is Debian's chromium: none is downloaded.
browser-deps:
	cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefer-offline --no-audit --no-fund

check: deps-check
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same suite built with AddressSanitizer and UndefinedBehaviorSanitizer.
check-sanitize: deps-check
	cmake -S . -B $(ASAN_BUILD) -DPARLEY_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# The golden and CLI tests with parley under valgrind: any error or definite leak fails them.
check-valgrind: deps-check
	@scripts/install-deps.sh ci
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && PARLEY_VALGRIND=1 ctest --output-on-failure -j $(JOBS) -R '^(golden|cli)[.]'

# The threaded tests under ThreadSanitizer (the thread pool, smp, the frontier, Monte Carlo).
TSAN_FLAGS = -fsanitize=thread -fno-omit-frame-pointer -g -O1
TSAN_TESTS = test_thread_pool test_smp test_frontier test_montecarlo test_simulate
check-tsan: deps-check
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_FLAGS="$(TSAN_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread $(CMAKE_ARGS)
	@targets=""; for t in $(TSAN_TESTS); do \
	  [ -f tests/unit/$$t.c ] && targets="$$targets $$t"; done; \
	  echo "ThreadSanitizer:$$targets"; \
	  cmake --build $(TSAN_BUILD) -j $(JOBS) --target $$targets && \
	  cd $(TSAN_BUILD) && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ctest --output-on-failure -j $(JOBS) -R "^unit[.]($$(echo $$targets | tr ' ' '|'))$$"

# libFuzzer, with clang: every reader's target for FUZZ_SECONDS seconds, starting from the
# corpus in tests/fuzz/corpus/<reader>; new inputs go to $(FUZZ_BUILD)/corpus/<reader>.
FUZZ_READERS = parley_json ktab_csv ktab_xml decide genius_domain genius_profile geniusweb \
	deu stakeholder long_tables serve_request cli_options report_json
FUZZ_FLAGS = -max_len=16384 -timeout=30 -rss_limit_mb=2048 -print_final_stats=1
fuzz:
	@scripts/install-deps.sh fuzz
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DPARLEY_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  $(CMAKE_ARGS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz-targets
	@set -e; for r in $(FUZZ_READERS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$r $(FUZZ_BUILD)/artifacts/$$r; \
	  echo "fuzzing $$r for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/tests/fuzz/fuzz_$$r -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$r/ \
	    $(FUZZ_BUILD)/corpus/$$r tests/fuzz/corpus/$$r 2>$(FUZZ_BUILD)/fuzz-$$r.log \
	  || { tail -40 $(FUZZ_BUILD)/fuzz-$$r.log; exit 1; }; \
	  grep -E '^(Done|stat::number_of_executed_units)' $(FUZZ_BUILD)/fuzz-$$r.log || true; \
	done

# Minimise what `make fuzz` found into the repository's corpora (commit the result).
fuzz-merge:
	@set -e; for r in $(FUZZ_READERS); do \
	  mkdir -p $(FUZZ_BUILD)/merged/$$r; \
	  $(FUZZ_BUILD)/tests/fuzz/fuzz_$$r -merge=1 -max_len=16384 $(FUZZ_BUILD)/merged/$$r \
	    tests/fuzz/corpus/$$r $(FUZZ_BUILD)/corpus/$$r 2>/dev/null; \
	  rm -f tests/fuzz/corpus/$$r/*; cp $(FUZZ_BUILD)/merged/$$r/* tests/fuzz/corpus/$$r/; \
	  rm -rf $(FUZZ_BUILD)/merged/$$r; echo "$$r: $$(ls tests/fuzz/corpus/$$r | wc -l) files"; \
	done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)
