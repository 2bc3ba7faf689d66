"""Draw the site's link-preview card: docs/assets/images/social-card.png (1200 x 630).

Chat tools, wikis and review tools show this image when a page's address is
pasted (Open Graph ``og:image``). They need a raster image, so this script
writes a PNG with the standard library only: a flat background, a balance
drawn from rectangles and the title in a small built-in pixel font.

Run it again after changing the text or colours, and commit the PNG:

    .venv/bin/python scripts/make_social_card.py
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "images" / "social-card.png"

BACKGROUND = (0x30, 0x3F, 0x9F)  # Material indigo 700
FOREGROUND = (0xFF, 0xFF, 0xFF)
MUTED = (0xC5, 0xCA, 0xE9)  # indigo 100
ACCENT = (0x82, 0xB1, 0xFF)  # blue A100

# 5 x 7 pixel glyphs, one string per row, "#" = ink.
GLYPHS: dict[str, tuple[str, ...]] = {
    "A": (".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "B": ("####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."),
    "C": (".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
    "D": ("####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "F": ("#####", "#....", "#....", "####.", "#....", "#....", "#...."),
    "G": (".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"),
    "H": ("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "I": (".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "K": ("#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "W": ("#...#", "#...#", "#...#", "#.#.#", "#.#.#", "##.##", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    "?": (".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#.."),
    "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
    ",": (".....", ".....", ".....", ".....", ".....", "..#..", ".#..."),
    " ": (".....", ".....", ".....", ".....", ".....", ".....", "....."),
}


class Canvas:
    """An RGB pixel buffer with the few drawing operations the card needs."""

    def __init__(self, width: int, height: int, colour: tuple[int, int, int]) -> None:
        self.width, self.height = width, height
        self.rows = [bytearray(bytes(colour) * width) for _ in range(height)]

    def rect(self, x: int, y: int, w: int, h: int, colour: tuple[int, int, int]) -> None:
        """Fill a rectangle, clipped to the canvas."""
        x0, x1 = max(0, x), min(self.width, x + w)
        for row in self.rows[max(0, y):min(self.height, y + h)]:
            row[x0 * 3:x1 * 3] = bytes(colour) * (x1 - x0)

    def text(self, x: int, y: int, text: str, scale: int, colour: tuple[int, int, int]) -> None:
        """Draw ``text`` in the pixel font; unknown characters raise."""
        for index, char in enumerate(text.upper()):
            if char not in GLYPHS:
                raise KeyError(f"no glyph for {char!r} in {text!r}")
            for gy, line in enumerate(GLYPHS[char]):
                for gx, ink in enumerate(line):
                    if ink == "#":
                        self.rect(x + (index * 6 + gx) * scale, y + gy * scale, scale, scale,
                                  colour)

    def png(self) -> bytes:
        """The canvas as a PNG file (8-bit RGB, no filtering)."""
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return (struct.pack(">I", len(data)) + kind + data
                    + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def text_width(text: str, scale: int) -> int:
    """Width in pixels of ``text`` at ``scale`` (one blank column between glyphs)."""
    return (len(text) * 6 - 1) * scale


def draw_card() -> Canvas:
    """The card: a balance on the left, title and subtitle on the right."""
    canvas = Canvas(WIDTH, HEIGHT, BACKGROUND)
    canvas.rect(0, HEIGHT - 24, WIDTH, 24, ACCENT)
    # The balance: post, beam, two hanging pans.
    cx = 220
    canvas.rect(cx - 6, 170, 12, 280, FOREGROUND)
    canvas.rect(cx - 70, 440, 140, 16, FOREGROUND)
    canvas.rect(cx - 120, 180, 240, 12, FOREGROUND)
    canvas.rect(cx - 14, 160, 28, 28, ACCENT)
    for pan_x in (cx - 120, cx + 120):
        canvas.rect(pan_x - 3, 192, 6, 110, MUTED)
        canvas.rect(pan_x - 50, 302, 100, 14, FOREGROUND)
    # Title and subtitle.
    left = 450
    canvas.text(left, 190, "TUNE OR", 14, FOREGROUND)
    canvas.text(left, 310, "PROMPT?", 14, FOREGROUND)
    scale = 5
    for line_number, line in enumerate(("A DECISION GUIDE", "WITH A CALCULATOR")):
        if left + text_width(line, scale) > WIDTH - 40:
            raise ValueError(f"subtitle line {line!r} does not fit the card")
        canvas.text(left, 440 + line_number * 50, line, scale, MUTED)
    return canvas


def main() -> None:
    """Write the PNG and say where."""
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(draw_card().png())
    print(f"wrote {OUTPUT} ({WIDTH} x {HEIGHT})")


if __name__ == "__main__":
    main()
