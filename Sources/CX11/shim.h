// Xlib, to put a CPU-drawn frame into the GLFW window (Platform's `Window.present`), and the
// MIT-SHM extension, to put it from memory the X server shares.
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <X11/extensions/XShm.h>

// GLFW's native-access functions for X11. Declared here rather than through glfw3native.h,
// whose X11 branch also pulls in the XRandR headers.
struct GLFWwindow;
Display *glfwGetX11Display(void);
Window glfwGetX11Window(struct GLFWwindow *window);
