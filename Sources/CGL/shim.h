// OpenGL 3.3 core profile prototypes. libglvnd's libGL exports every core entry point, so
// prototypes can be linked directly without a loader.
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
