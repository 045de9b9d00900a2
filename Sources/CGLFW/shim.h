// GLFW without its own GL header: CGL provides the GL 3.3 core prototypes.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
