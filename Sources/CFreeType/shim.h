// FreeType rasterizes the UI font; fontconfig finds it.
#include <ft2build.h>
#include FT_FREETYPE_H
#include <fontconfig/fontconfig.h>
