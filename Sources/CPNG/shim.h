#ifndef GROUNDING_CPNG_SHIM_H
#define GROUNDING_CPNG_SHIM_H
#include <png.h>
#include <zlib.h>

// Composite macros from png.h do not import into Swift; re-export the ones we use.
static const unsigned int grounding_png_image_version = PNG_IMAGE_VERSION;
static const unsigned int grounding_png_format_rgb = PNG_FORMAT_RGB;
static const unsigned int grounding_png_format_rgba = PNG_FORMAT_RGBA;
static const unsigned int grounding_png_format_linear_rgb = PNG_FORMAT_LINEAR_RGB;
static const unsigned int grounding_png_format_linear_rgb_alpha = PNG_FORMAT_LINEAR_RGB_ALPHA;
static const unsigned int grounding_png_format_flag_linear = PNG_FORMAT_FLAG_LINEAR;
static const unsigned int grounding_png_format_flag_alpha = PNG_FORMAT_FLAG_ALPHA;
static const unsigned int grounding_png_format_flag_colormap = PNG_FORMAT_FLAG_COLORMAP;

static inline unsigned int grounding_png_image_failed(const png_image *image) {
    return PNG_IMAGE_FAILED(*image);
}
static inline size_t grounding_png_image_size(const png_image *image) {
    return PNG_IMAGE_SIZE(*image);
}
static inline size_t grounding_png_image_row_stride(const png_image *image) {
    return PNG_IMAGE_ROW_STRIDE(*image);
}

// zlib's deflateInit2 is a macro (it passes the header's version and the stream's size), which
// Swift cannot call; PNGEncoder writes its own PNGs with zlib, libpng's compressor.
static inline int grounding_deflate_init(z_streamp stream, int level, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, 15, 8, strategy);
}
#endif
