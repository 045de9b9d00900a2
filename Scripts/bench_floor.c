/* The first-frame floor for Scripts/bench-app: the least any GLFW program can do before its first
 * frame is on screen. It opens a 1600x1000 OpenGL 3.3 core window, clears it and swaps once, then
 * prints the wall clock (seconds since 1970) after the swap, as hafs-viz's trace does after its
 * first frame with data, so the bench times both from launch the same way. With an argument N it
 * then sleeps N seconds (for a memory reading).
 *
 * Built by Scripts/bench_app.py: cc -O2 bench_floor.c -lglfw -lGL */
#include <GLFW/glfw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow *window = glfwCreateWindow(1600, 1000, "floor", NULL, NULL);
    if (!window) return 2;
    glfwMakeContextCurrent(window);
    glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glfwSwapBuffers(window);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    fprintf(stderr, "floor: first frame at %.6f\n", now.tv_sec + now.tv_nsec * 1e-9);
    fflush(stderr);
    if (argc > 1) sleep((unsigned)atoi(argv[1]));
    glfwTerminate();
    return 0;
}
