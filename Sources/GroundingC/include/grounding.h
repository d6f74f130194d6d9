/*
 * grounding.h — the C ABI of Grounding (libgrounding): find, point at and count objects in photos.
 *
 * JSON in, JSON out. Create one engine (it loads the models) and share it: grounding_run may be
 * called on one engine from any number of threads at once. Every string the library returns
 * through a `char **` is freed with grounding_free.
 *
 *     grounding_engine *engine = NULL;
 *     char *json = NULL;
 *     if (grounding_engine_create(NULL, &engine, &json) != GROUNDING_OK) { fprintf(stderr, "%s\n", json); ... }
 *     int status = grounding_run(engine, "{\"queries\": [\"dog\"], \"mode\": \"count\"}", jpeg, jpeg_len, &json);
 *     puts(json);                  // {"result": {...}} or {"error": {"code": "...", "message": "..."}}
 *     grounding_free(json);
 *     grounding_engine_destroy(engine);
 *
 * The request JSON (every key, default and range: docs/REQUEST.md; GroundingRequest in the Swift docs):
 *     {"image": {"path": P} | {"encoded": BASE64} | {"pixels": {"width": W, "height": H, "rgb": BASE64}},
 *      "queries": ["dog", {"exemplar": [[x1, y1, x2, y2], ...]}], "mode": "bbox" | "point" | "count",
 *      "options": {"threshold", "iou", "max_detections", "tiling": "auto"|"off"|SIZE, "overlap", ...},
 *      "strict": false, "draw": "png" | "jpeg"}
 * With image_bytes, leave "image" out (the bytes are a PNG or JPEG file) or give
 * {"pixels": {"width": W, "height": H}} without "rgb" (the bytes are W*H*3 RGB pixels, row by row).
 */
#ifndef GROUNDING_H
#define GROUNDING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Statuses: 0 is success; the others are the numbers of the stable error codes (docs/ERRORS.md),
 * whose string form is the "code" in the error JSON. Numbers never change meaning. */
enum grounding_status {
    GROUNDING_OK = 0,
    GROUNDING_INTERNAL = 1,                 /* internal */
    GROUNDING_REQUEST_INVALID = 2,          /* request.invalid */
    GROUNDING_OPTION_INVALID = 3,           /* option.invalid */
    GROUNDING_REQUEST_CANCELLED = 4,        /* request.cancelled */
    GROUNDING_IMAGE_NOT_FOUND = 10,         /* image.not_found */
    GROUNDING_IMAGE_UNREADABLE = 11,        /* image.unreadable */
    GROUNDING_IMAGE_TRUNCATED = 12,         /* image.truncated */
    GROUNDING_IMAGE_CORRUPT = 13,           /* image.corrupt */
    GROUNDING_IMAGE_TOO_LARGE = 14,         /* image.too_large */
    GROUNDING_IMAGE_UNSUPPORTED_FORMAT = 15,/* image.unsupported_format */
    GROUNDING_QUERY_UNKNOWN_NAME = 20,      /* query.unknown_name */
    GROUNDING_QUERY_EMPTY = 21,             /* query.empty */
    GROUNDING_QUERY_SEVERAL_NAMES = 22,     /* query.several_names */
    GROUNDING_EXEMPLAR_INVALID_BOX = 30,    /* exemplar.invalid_box */
    GROUNDING_EXEMPLAR_FEATURELESS = 31,    /* exemplar.featureless */
    GROUNDING_EXEMPLAR_UNSUPPORTED = 32,    /* exemplar.unsupported */
    GROUNDING_EXEMPLAR_TOO_COSTLY = 33,     /* exemplar.too_costly */
    GROUNDING_MODEL_MISSING = 40,           /* model.missing */
    GROUNDING_MODEL_UNREADABLE = 41,        /* model.unreadable */
    GROUNDING_MODEL_INVALID = 42,           /* model.invalid */
    GROUNDING_MODEL_UNSUPPORTED = 43,       /* model.unsupported */
    GROUNDING_RUNTIME_UNAVAILABLE = 50,     /* runtime.unavailable */
    GROUNDING_OUTPUT_UNWRITABLE = 60        /* output.unwritable */
};

/* An engine: the loaded models. Opaque; thread-safe. */
typedef struct grounding_engine grounding_engine;

/* Creates an engine. options_json: NULL, "{}" or {"models": [PATH, ...], "threads": N}
 * ("models" lists at least one path; without the key, the default models: YOLOv4-tiny from $GROUNDING_MODEL_DIR or ~/.cache/grounding/models/yolov4-tiny,
 * plus MediaPipe's face and palm detectors when fetched; threads: every core).
 * On success returns GROUNDING_OK and sets *out. On failure returns the error's status, sets *out
 * to NULL and, when error_json is not NULL, *error_json to {"error": {...}} (free it). */
int grounding_engine_create(const char *options_json, grounding_engine **out, char **error_json);

/* Destroys an engine once no thread runs on it any more. NULL is ignored. */
void grounding_engine_destroy(grounding_engine *engine);

/* Answers one request. image_bytes/len: the image beside the JSON, or NULL/0 when the JSON names
 * it. Returns GROUNDING_OK with *result_json = {"result": NATIVE_JSON[, "drawing": {"format",
 * "data": BASE64}]}, or the error's status with *result_json = {"error": {"code", "message"}}
 * (and "unresolved", each name as a result lists it, when no name could be answered).
 * *result_json is always set when result_json is not NULL; free it with grounding_free. */
int grounding_run(grounding_engine *engine, const char *request_json,
                  const uint8_t *image_bytes, size_t len, char **result_json);

/* The models an engine loaded, highest priority first, and the classes each finds, as answers
 * name them: *models_json = {"models": [{"name": "darknet:yolov4-tiny", "classes": ["person", ...]}]}.
 * Returns GROUNDING_OK, or GROUNDING_REQUEST_INVALID with {"error": {...}} for a NULL engine.
 * *models_json is always set when models_json is not NULL; free it with grounding_free. */
int grounding_engine_models(grounding_engine *engine, char **models_json);

/* Frees a string returned by the library. NULL is ignored. */
void grounding_free(char *json);

/* The library's version, e.g. "0.1.0". Static: do not free. */
const char *grounding_version(void);

#ifdef __cplusplus
}
#endif

#endif /* GROUNDING_H */
