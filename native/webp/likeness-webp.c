// The WebP decoder of Likeness: libwebp's own decoder, built for WebAssembly by build.sh, asked to
// scale while it decodes (WebPDecoderConfig.options.use_scaling). A lossy WebP is then decoded a few
// macroblock rows at a time straight into the small output, never at full size.
#include <stdlib.h>
#include "src/webp/decode.h"

__attribute__((export_name("lk_alloc"))) void* lk_alloc(size_t n) { return malloc(n); }
__attribute__((export_name("lk_free"))) void lk_free(void* p) { free(p); }

// Writes width, height, has_alpha and format (0 mixed, 1 lossy, 2 lossless) to info[0..3].
// Returns libwebp's VP8StatusCode (0 is OK).
__attribute__((export_name("lk_features")))
int lk_features(const uint8_t* data, size_t size, int* info) {
  WebPBitstreamFeatures f;
  const VP8StatusCode status = WebPGetFeatures(data, size, &f);
  if (status != VP8_STATUS_OK) return status;
  info[0] = f.width;
  info[1] = f.height;
  info[2] = f.has_alpha;
  info[3] = f.format;
  return 0;
}

// Decodes the file to RGBA at exactly width x height (the caller keeps the aspect ratio) into `out`,
// width * height * 4 bytes. Returns libwebp's VP8StatusCode (0 is OK).
__attribute__((export_name("lk_decode_scaled")))
int lk_decode_scaled(const uint8_t* data, size_t size, int width, int height, uint8_t* out) {
  WebPDecoderConfig config;
  if (!WebPInitDecoderConfig(&config)) return VP8_STATUS_INVALID_PARAM;
  config.options.use_scaling = 1;
  config.options.scaled_width = width;
  config.options.scaled_height = height;
  config.output.colorspace = MODE_RGBA;
  config.output.is_external_memory = 1;
  config.output.u.RGBA.rgba = out;
  config.output.u.RGBA.stride = width * 4;
  config.output.u.RGBA.size = (size_t)width * height * 4;
  const VP8StatusCode status = WebPDecode(data, size, &config);
  WebPFreeDecBuffer(&config.output);
  return status;
}
