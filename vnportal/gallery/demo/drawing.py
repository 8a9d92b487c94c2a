"""Demo photos drawn with Pillow: a river, hills and racing boats (nothing downloaded)."""

import io
import math

from PIL import Image, ImageDraw, ImageFilter


def scene_png(rng, size=(1200, 800)):
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    warm = rng.random()
    top, bottom = (150 + int(80 * warm), 190, 235 - int(60 * warm)), (250, 235, 205)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3)))
    for layer in range(2):
        base = height * (0.45 + layer * 0.1)
        shade = (60 + layer * 10, 120 - layer * 20, 70)
        points = [(0, height)] + [
            (x, base - 50 * math.sin(x / (120 + 40 * layer) + rng.random())) for x in range(0, width + 60, 60)
        ]
        draw.polygon(points + [(width, height)], fill=shade)
    river_top = int(height * 0.62)
    draw.rectangle([0, river_top, width, height], fill=(60, 120, 170))
    for _ in range(rng.randint(2, 4)):  # racing boats with rowers
        u = width / 1200  # drawn for 1,200 px, scaled to the size asked for
        x = rng.randint(int(40 * u), int(width - 360 * u))
        y = rng.randint(int(river_top + 40 * u), int(height - 80 * u))
        colour = rng.choice([(200, 50, 40), (230, 170, 40), (40, 90, 160), (40, 140, 80)])
        draw.polygon([(x, y), (x + 320 * u, y), (x + 290 * u, y + 26 * u), (x + 24 * u, y + 26 * u)], fill=colour)
        for k in range(8):
            rx = x + (30 + k * 34) * u
            draw.ellipse([rx, y - 22 * u, rx + 14 * u, y - 8 * u], fill=(240, 210, 170))
            draw.line([(rx + 7 * u, y - 8 * u), (rx - 10 * u, y + 34 * u)], fill=(90, 60, 30), width=max(1, int(3 * u)))
    for _ in range(rng.randint(20, 40)):  # people on the bank
        px, py = rng.randint(0, width), river_top - rng.randint(6, 40)
        draw.ellipse([px, py, px + 10, py + 10], fill=rng.choice([(30, 30, 30), (200, 40, 40), (240, 240, 240)]))
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
