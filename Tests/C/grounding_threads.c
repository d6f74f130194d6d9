/*
 * grounding_threads: runs requests through the C ABI on several threads sharing one engine.
 *
 *     grounding_threads MODEL_DIR THREADS ROUNDS REQUEST_JSON IMAGE...
 *
 * Every thread answers every image ROUNDS times (the image's bytes passed beside the request). Each answer must succeed and equal, timings aside, the first answer for that image.
 * It also checks the error path (a truncated file, a NULL engine, an unknown option, a bad model
 * folder), the version call and the models call. Prints one line per image, the answer without its timings, for
 * CABITests to compare with the Swift API's; exits 1 with a message on stderr at the first wrong
 * answer.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grounding.h"

struct image {
    const char *path;
    uint8_t *bytes;
    size_t length;
    char *answer; /* the first answer, timings cut off; guarded by lock */
};

static struct image *images;
static int image_count;
static int rounds;
static const char *request;
static grounding_engine *engine;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int failures;

static void fail(const char *what, const char *detail) {
    pthread_mutex_lock(&lock);
    fprintf(stderr, "grounding_threads: %s: %s\n", what, detail ? detail : "(null)");
    failures++;
    pthread_mutex_unlock(&lock);
}

/* The answer without "timing_ms", the last member of the result: the only part that may differ. */
static void cut_timings(char *json) {
    char *timings = strstr(json, ",\"timing_ms\":");
    if (timings) strcpy(timings, "}}");
}

static uint8_t *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    uint8_t *bytes = malloc((size_t)size);
    if (bytes && fread(bytes, 1, (size_t)size, file) != (size_t)size) {
        free(bytes);
        bytes = NULL;
    }
    fclose(file);
    *length = (size_t)size;
    return bytes;
}

static void *worker(void *unused) {
    (void)unused;
    for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < image_count; i++) {
            char *json = NULL;
            int status = grounding_run(engine, request, images[i].bytes, images[i].length, &json);
            if (status != GROUNDING_OK) {
                fail(images[i].path, json);
            } else {
                cut_timings(json);
                pthread_mutex_lock(&lock);
                if (!images[i].answer) {
                    images[i].answer = strdup(json);
                } else if (strcmp(images[i].answer, json) != 0) {
                    fprintf(stderr, "grounding_threads: %s: answers differ between threads:\n%s\n%s\n",
                            images[i].path, images[i].answer, json);
                    failures++;
                }
                pthread_mutex_unlock(&lock);
            }
            grounding_free(json);
        }
    }
    return NULL;
}

/* A call that must fail with `expected` and name `code` in its error JSON. */
static void expect_error(const char *what, int status, int expected, char *json, const char *code) {
    if (status != expected || !json || !strstr(json, code)) {
        char detail[512];
        snprintf(detail, sizeof detail, "status %d (expected %d), %s", status, expected, json ? json : "no JSON");
        fail(what, detail);
    }
    grounding_free(json);
}

static void check_errors(const char *model_dir) {
    char *json = NULL;
    /* The first half of a JPEG: truncated. */
    int status = grounding_run(engine, request, images[0].bytes, images[0].length / 2, &json);
    expect_error("truncated image", status, GROUNDING_IMAGE_TRUNCATED, json, "\"image.truncated\"");
    status = grounding_run(NULL, request, NULL, 0, &json);
    expect_error("NULL engine", status, GROUNDING_REQUEST_INVALID, json, "\"request.invalid\"");
    status = grounding_run(engine, "{\"queries\": [\"dog\"], \"mode\": \"count\", \"options\": {\"thresh\": 1}}",
                           images[0].bytes, images[0].length, &json);
    expect_error("unknown option", status, GROUNDING_REQUEST_INVALID, json, "thresh");
    status = grounding_run(engine, "{\"queries\": [\"xyzzyq\"], \"mode\": \"count\"}", images[0].bytes, images[0].length, &json);
    expect_error("unknown name", status, GROUNDING_QUERY_UNKNOWN_NAME, json, "\"query.unknown_name\"");
    status = grounding_run(engine, "{\"queries\": [\"xyzzyq\", \"not cars\"], \"mode\": \"count\"}", images[0].bytes, images[0].length, &json);
    /* No name understood: the error lists each, as a result would. */
    expect_error("every name listed", status, GROUNDING_QUERY_UNKNOWN_NAME, json, "\"leaves_nothing\":true");
    /* A size no buffer has (a negative length cast to size_t): refused, not read. */
    status = grounding_run(engine, request, images[0].bytes, (size_t)-1, &json);
    expect_error("impossible length", status, GROUNDING_REQUEST_INVALID, json, "larger than any buffer");
    /* Pixels whose size does not fit the buffer: refused before a byte is copied. */
    status = grounding_run(engine, "{\"image\": {\"pixels\": {\"width\": 9000, \"height\": 9000}}, \"queries\": [\"dog\"], \"mode\": \"count\"}",
                           images[0].bytes, images[0].length, &json);
    expect_error("pixels of another size", status, GROUNDING_REQUEST_INVALID, json, "a 9000×9000 RGB image has");

    grounding_engine *none = NULL;
    char options[4096];
    snprintf(options, sizeof options, "{\"models\": [\"%s/no-such-model\"]}", model_dir);
    status = grounding_engine_create(options, &none, &json);
    expect_error("missing model", status, GROUNDING_MODEL_MISSING, json, "\"model.missing\"");
    if (none) fail("missing model", "an engine was returned");
    status = grounding_engine_create("{\"threads\": 0}", &none, &json);
    expect_error("zero threads", status, GROUNDING_OPTION_INVALID, json, "\"option.invalid\"");
    /* An empty list names no model; it does not stand for the defaults. */
    status = grounding_engine_create("{\"models\": []}", &none, &json);
    expect_error("no models", status, GROUNDING_REQUEST_INVALID, json, "models: empty; list model paths");
    if (none) fail("no models", "an engine was returned");

    const char *version = grounding_version();
    if (!version || !*version) fail("grounding_version", "empty");

    /* The models loaded and their classes, as answers name them; a NULL engine is an error. */
    status = grounding_engine_models(engine, &json);
    if (status != GROUNDING_OK || !json || !strstr(json, "{\"models\":[{\"name\":\"darknet:yolov4-tiny\",\"classes\":[\"person\",\"bicycle\",")
        || !strstr(json, "\"toothbrush\"]}]}")) fail("grounding_engine_models", json);
    grounding_free(json);
    status = grounding_engine_models(NULL, &json);
    expect_error("models of a NULL engine", status, GROUNDING_REQUEST_INVALID, json, "\"request.invalid\"");
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s MODEL_DIR THREADS ROUNDS REQUEST_JSON IMAGE...\n", argv[0]);
        return 2;
    }
    const char *model_dir = argv[1];
    int thread_count = atoi(argv[2]);
    rounds = atoi(argv[3]);
    request = argv[4];
    image_count = argc - 5;
    if (thread_count < 1 || thread_count > 64 || rounds < 1) {
        fprintf(stderr, "grounding_threads: THREADS must be 1-64 and ROUNDS at least 1\n");
        return 2;
    }
    images = calloc((size_t)image_count, sizeof *images);
    for (int i = 0; i < image_count; i++) {
        images[i].path = argv[5 + i];
        images[i].bytes = read_file(images[i].path, &images[i].length);
        if (!images[i].bytes) {
            fprintf(stderr, "grounding_threads: cannot read %s\n", images[i].path);
            return 2;
        }
    }

    char options[4096];
    snprintf(options, sizeof options, "{\"models\": [\"%s\"], \"threads\": 1}", model_dir);
    char *error = NULL;
    if (grounding_engine_create(options, &engine, &error) != GROUNDING_OK) {
        fprintf(stderr, "grounding_threads: %s\n", error);
        grounding_free(error);
        return 1;
    }

    pthread_t *threads = calloc((size_t)thread_count, sizeof *threads);
    for (int t = 0; t < thread_count; t++) pthread_create(&threads[t], NULL, worker, NULL);
    for (int t = 0; t < thread_count; t++) pthread_join(threads[t], NULL);
    check_errors(model_dir);
    grounding_engine_destroy(engine);

    for (int i = 0; i < image_count; i++) {
        if (images[i].answer) printf("%s\n", images[i].answer);
        free(images[i].answer);
        free(images[i].bytes);
    }
    free(images);
    free(threads);
    return failures == 0 ? 0 : 1;
}
