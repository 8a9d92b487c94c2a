"""Make the demo video (vnportal/gallery/demo/song-ha.webm): frames drawn with Pillow, encoded by ffmpeg.

Run once by a developer (needs Debian's ffmpeg); the result is committed, so neither the demo
nor a test needs ffmpeg or the network:  python tools/make_demo_video.py
"""

import math
import pathlib
import subprocess

from PIL import Image, ImageDraw

WIDTH, HEIGHT, FPS, SECONDS = 480, 270, 12, 8
OUT = pathlib.Path(__file__).resolve().parent.parent / "vnportal" / "gallery" / "demo" / "song-ha.webm"


def frame(n):
    t = n / (FPS * SECONDS)
    image = Image.new("RGB", (WIDTH, HEIGHT), (190, 225, 245))
    draw = ImageDraw.Draw(image)
    # The sun rises over the hills while a boat crosses the river.
    sun_y = int(HEIGHT * (0.55 - 0.4 * t))
    draw.ellipse([340 - 26, sun_y - 26, 340 + 26, sun_y + 26], fill=(255, 205, 90))
    for layer, shade in enumerate(((80, 140, 90), (50, 110, 60))):
        base = HEIGHT * (0.5 + layer * 0.12)
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 40, 40):
            points.append((x, base - 22 * math.sin(x / 60 + layer * 2)))
        points += [(WIDTH, HEIGHT)]
        draw.polygon(points, fill=shade)
    draw.rectangle([0, int(HEIGHT * 0.78), WIDTH, HEIGHT], fill=(70, 130, 180))
    boat_x = int(-60 + (WIDTH + 120) * t)
    boat_y = int(HEIGHT * 0.82)
    draw.polygon(
        [(boat_x, boat_y), (boat_x + 60, boat_y), (boat_x + 48, boat_y + 12), (boat_x + 10, boat_y + 12)],
        fill=(120, 70, 40),
    )
    draw.line([(boat_x + 30, boat_y), (boat_x + 30, boat_y - 34)], fill=(60, 40, 20), width=2)
    draw.polygon([(boat_x + 31, boat_y - 34), (boat_x + 31, boat_y - 6), (boat_x + 52, boat_y - 8)], fill=(230, 90, 60))
    return image


def main():
    encoder = subprocess.Popen(
        [
            "ffmpeg",
            "-y",
            "-loglevel",
            "error",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-s",
            f"{WIDTH}x{HEIGHT}",
            "-r",
            str(FPS),
            "-i",
            "-",
            "-c:v",
            "libvpx-vp9",
            "-b:v",
            "0",
            "-crf",
            "42",
            "-an",
            str(OUT),
        ],
        stdin=subprocess.PIPE,
    )
    for n in range(FPS * SECONDS):
        encoder.stdin.write(frame(n).tobytes())
    encoder.stdin.close()
    encoder.wait()
    print(OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
