# Grounding: the two commands a new machine needs are `make demo` and `make test`.

SWIFT       ?= swift
MODEL_DIR   ?= $(or $(GROUNDING_MODEL_DIR),$(HOME)/.cache/grounding/models/yolov4-tiny)
MEDIAPIPE_DIR ?= $(or $(GROUNDING_MEDIAPIPE_DIR),$(HOME)/.cache/grounding/models/mediapipe)
YOLO11_MODEL ?= $(or $(GROUNDING_YOLO11_MODEL),$(HOME)/.cache/grounding/models/yolo11n/yolo11n.onnx)
DEMO_IMAGE  ?= TestImages/horses.jpg
DEMO_OBJECT ?= horse
OUT         ?= out
PREFIX      ?= /usr/local
PYTHON      ?= python3
# The venv `make test` runs the Python package's tests in (numpy, pytest, Pillow), kept between runs.
PYTHON_VENV ?= $(HOME)/.cache/grounding/venv-python

.PHONY: demo test test-full fuzz-seeds test-python sanitize deps model build fresh-clients library install install-python bench clean

## demo: install what is missing, fetch the model, build in release, count objects in a photo
demo: deps model build
	@mkdir -p $(OUT)
	.build/release/ground count $(DEMO_IMAGE) --object $(DEMO_OBJECT) --model $(MODEL_DIR) --draw $(OUT)/demo.png
	@echo "Annotated image written to $(OUT)/demo.png"

## test: install what is missing, fetch the model, run the whole test suite (release build),
## then the Python package's tests against the library it built. The async suite runs on its own
## afterwards: its heartbeat measures whether *our* requests starve Swift's cooperative pool, and
## the other suites' synchronous tests, run in parallel on that same pool, would starve it too.
test: deps model fresh-clients
	GROUNDING_MODEL_DIR=$(MODEL_DIR) GROUNDING_MEDIAPIPE_DIR=$(MEDIAPIPE_DIR) GROUNDING_YOLO11_MODEL=$(YOLO11_MODEL) $(SWIFT) test -c release --skip AsyncRequestTests
	GROUNDING_MODEL_DIR=$(MODEL_DIR) GROUNDING_MEDIAPIPE_DIR=$(MEDIAPIPE_DIR) GROUNDING_YOLO11_MODEL=$(YOLO11_MODEL) $(SWIFT) test -c release --skip-build --filter AsyncRequestTests
	@$(MAKE) --no-print-directory test-python

## test-full: what `.ci/run` adds after `make test`: the benchmark harness's own tests (its accuracy
## scoring, and that the hand-counted truth in Benchmarks/Accuracy holds together), in its own package
test-full: deps
	$(SWIFT) test --package-path Benchmarks
	@$(MAKE) --no-print-directory fuzz-seeds

## fuzz-seeds: build every fuzz target (FUZZING.md) and run it once on its committed seeds and the
## inputs that once crashed it, so that a change breaking the fuzz build or a fixed crash fails CI
fuzz-seeds:
	for target in jpeg png exif cfg weights onnx names request answer; do \
		scripts/fuzz.sh $$target run $$(ls -d Tests/GroundingTests/Fuzz/Seeds/$$target/* Tests/GroundingTests/Fuzz/Crashes/$$target/* 2>/dev/null) || exit 1; \
	done

## test-python: pytest on python/tests in $(PYTHON_VENV), with .build/release/libgrounding.so
test-python: $(PYTHON_VENV)/.ready
	@test -f .build/release/libgrounding.so || $(SWIFT) build -c release --product grounding
	GROUNDING_LIBRARY=$(CURDIR)/.build/release/libgrounding.so GROUNDING_MODEL_DIR=$(MODEL_DIR) \
		GROUND=$(CURDIR)/.build/release/ground PYTHONPATH=$(CURDIR)/python $(PYTHON_VENV)/bin/python -m pytest -q -p no:cacheprovider python/tests

$(PYTHON_VENV)/.ready:
	python3 -m venv $(PYTHON_VENV)
	$(PYTHON_VENV)/bin/python -m pip install -q numpy pytest pillow
	touch $@

## sanitize: the concurrency tests under ThreadSanitizer (release build in its own .build-tsan)
SANITIZE_TESTS ?= WorkerPoolTests|concurrentTasksGiveTheSerialAnswers|concurrentCallsAgreeWithSequentialOnes|concurrentDecodesAndTiledAnswersAgree
sanitize: deps model
	GROUNDING_MODEL_DIR=$(MODEL_DIR) \
		TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/scripts/tsan-suppressions.txt $(TSAN_OPTIONS)" \
		$(SWIFT) test -c release --sanitize=thread --scratch-path .build-tsan --filter '$(SANITIZE_TESTS)'

deps:
	@scripts/install-deps.sh

model:
	@scripts/fetch-model.sh $(MODEL_DIR)
	@scripts/fetch-mediapipe-models.sh $(MEDIAPIPE_DIR)
	@scripts/fetch-yolo11.sh $(dir $(YOLO11_MODEL))

build: fresh-clients
	$(SWIFT) build -c release --product ground

## fresh-clients: an incremental release build can keep `ground` and the C library compiled against
## the old layout of a library type that changed since (they then crash); both are small, so their
## objects and the cached build plan are dropped and they are always rebuilt from today's sources.
fresh-clients:
	rm -rf .build/*/release/ground.build .build/*/release/GroundingC.build
	rm -f .build/*/release/description.json

## library: the C library, .build/release/libgrounding.so
library: fresh-clients
	$(SWIFT) build -c release --product grounding

## install: libgrounding.so, grounding.h and grounding.pc into $(PREFIX) (default /usr/local)
install: library
	scripts/install-library.sh $(PREFIX) .build/release

## install-python: the Python package, with the library bundled in it, into $(PYTHON)'s environment
install-python: library
	rm -rf .build/python-package
	cp -R python .build/python-package
	cp .build/release/libgrounding.so .build/python-package/grounding/
	$(PYTHON) -m pip install -q .build/python-package

## bench: the benchmark harness with its peers, side by side (not part of `make test`)
bench: deps model
	GROUNDING_MODEL_DIR=$(MODEL_DIR) Benchmarks/run.sh

clean:
	rm -rf .build $(OUT)
