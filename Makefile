# Grounding: the two commands a new machine needs are `make demo` and `make test`.

SWIFT       ?= swift
MODEL_DIR   ?= $(or $(GROUNDING_MODEL_DIR),$(HOME)/.cache/grounding/models/yolov4-tiny)
MEDIAPIPE_DIR ?= $(or $(GROUNDING_MEDIAPIPE_DIR),$(HOME)/.cache/grounding/models/mediapipe)
DEMO_IMAGE  ?= TestImages/horses.jpg
DEMO_OBJECT ?= horse
OUT         ?= out

.PHONY: demo test sanitize deps model build bench clean

## demo: install what is missing, fetch the model, build in release, count objects in a photo
demo: deps model build
	@mkdir -p $(OUT)
	.build/release/ground count $(DEMO_IMAGE) --object $(DEMO_OBJECT) --model $(MODEL_DIR) --draw $(OUT)/demo.png
	@echo "Annotated image written to $(OUT)/demo.png"

## test: install what is missing, fetch the model, run the whole test suite (release build)
test: deps model
	GROUNDING_MODEL_DIR=$(MODEL_DIR) GROUNDING_MEDIAPIPE_DIR=$(MEDIAPIPE_DIR) $(SWIFT) test -c release

## sanitize: the concurrency tests under ThreadSanitizer (release build in its own .build-tsan)
SANITIZE_TESTS ?= concurrentTasksGiveTheSerialAnswers|concurrentCallsAgreeWithSequentialOnes|concurrentDecodesAndTiledAnswersAgree
sanitize: deps model
	GROUNDING_MODEL_DIR=$(MODEL_DIR) \
		TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/scripts/tsan-suppressions.txt $(TSAN_OPTIONS)" \
		$(SWIFT) test -c release --sanitize=thread --scratch-path .build-tsan --filter '$(SANITIZE_TESTS)'

deps:
	@scripts/install-deps.sh

model:
	@scripts/fetch-model.sh $(MODEL_DIR)
	@scripts/fetch-mediapipe-models.sh $(MEDIAPIPE_DIR)

build:
	$(SWIFT) build -c release --product ground

## bench: the benchmark harness with its peers, side by side (not part of `make test`)
bench: deps model
	GROUNDING_MODEL_DIR=$(MODEL_DIR) Benchmarks/run.sh

clean:
	rm -rf .build $(OUT)
