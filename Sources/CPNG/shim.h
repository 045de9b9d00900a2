// libpng's simplified API (png_image_*) for PNG export and round-trip tests.
#include <png.h>
