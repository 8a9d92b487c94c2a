"""Generated illustrations for demo articles: abstract landscapes drawn with Pillow.

No photographs are shipped or downloaded; each image is drawn from a seed so a
re-run of the demo produces the same picture.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter


def _mix(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def landscape_png(seed, colour, size=(1200, 750)):
    rng = random.Random(seed)
    width, height = size
    sky_top = _mix(colour, (255, 255, 255), 0.55 + rng.random() * 0.2)
    sky_bottom = _mix((255, 236, 200), (255, 255, 255), rng.random() * 0.5)
    image = Image.new("RGB", size, sky_bottom)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(sky_top, sky_bottom, y / height))
    sun_x, sun_y = rng.randint(width // 6, width * 5 // 6), rng.randint(height // 8, height // 3)
    draw.ellipse([sun_x - 60, sun_y - 60, sun_x + 60, sun_y + 60], fill=(255, 214, 102))
    # Three ranges of hills, darker towards the viewer.
    for layer in range(3):
        base = height * (0.45 + layer * 0.15)
        shade = _mix(colour, (20, 40, 20), 0.35 + layer * 0.2)
        points = [(0, height)]
        x = 0
        while x <= width:
            points.append((x, base - rng.randint(0, int(height * 0.18))))
            x += rng.randint(80, 200)
        points += [(width, base), (width, height)]
        draw.polygon(points, fill=shade)
    # A row of simple houses on the nearest hill.
    for _ in range(rng.randint(3, 7)):
        hx, hy = rng.randint(0, width - 80), int(height * 0.82) + rng.randint(-20, 20)
        draw.rectangle([hx, hy, hx + 60, hy + 40], fill=(245, 240, 230))
        draw.polygon([(hx - 8, hy), (hx + 30, hy - 30), (hx + 68, hy)], fill=_mix(colour, (0, 0, 0), 0.2))
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
