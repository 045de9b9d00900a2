#version 330 core
// The font atlas is coverage only (one channel): it scales the vertex colour's alpha. Solid
// fills sample its white texel; markers its anti-aliased disk.
in vec2 v_uv;
in vec4 v_color;
uniform sampler2D u_texture;
out vec4 o_color;

void main() {
    o_color = vec4(v_color.rgb, v_color.a * texture(u_texture, v_uv).r);
}
