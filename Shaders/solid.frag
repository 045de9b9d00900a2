#version 330 core
// Solid fills, lines and spans: the vertex colour alone. No texture fetch, which is most of a
// fragment's cost under a software rasterizer (dense plots fill millions of pixels a frame).
in vec2 v_uv;
in vec4 v_color;
out vec4 o_color;

void main() {
    o_color = v_color;
}
