// Draws the extension's icon (256 × 256 PNG) from shapes, without an image library: a timeline of three events on a
// dark rounded square, each with a line of "text", the last one checked. Written to dist/icon.png by the build.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 256;
const BACKGROUND = [31, 41, 55];
const RAIL = [107, 114, 128];
const TEXT = [229, 231, 235];
const DOTS = [[239, 68, 68], [245, 158, 11], [16, 185, 129]];

// Signed distances (negative inside) to the shapes, in pixels.
const roundedBox = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by, r) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) - r;
};

/** The layers, bottom first: each a colour and the distance to its shape. */
const ROWS = [72, 128, 184];
const layers = [
  [BACKGROUND, (x, y) => roundedBox(x, y, 128, 128, 120, 120, 44)],
  [RAIL, (x, y) => roundedBox(x, y, 76, 128, 5, 66, 5)],
  ...ROWS.map((row, i) => [TEXT, (x, y) => roundedBox(x, y, 150 + (i === 1 ? -12 : 0), row, 46 - (i === 1 ? 12 : 0), 9, 9)]),
  ...ROWS.map((row, i) => [DOTS[i], (x, y) => circle(x, y, 76, row, 17)]),
  // The last event's check mark, in the background colour.
  [BACKGROUND, (x, y) => Math.min(segment(x, y, 68, 185, 74, 191, 3.2), segment(x, y, 74, 191, 85, 177, 3.2))],
];

/** RGBA rows, each with PNG's filter byte (0: none) in front; coverage from the distance gives smooth edges. */
function pixels() {
  const data = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    for (let x = 0; x < SIZE; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [colour, distance] of layers) {
        const cover = Math.max(0, Math.min(1, 0.5 - distance(x + 0.5, y + 0.5)));
        if (cover === 0) continue;
        const outA = cover + a * (1 - cover);
        [r, g, b] = [0, 1, 2].map((c) => (colour[c] * cover + [r, g, b][c] * a * (1 - cover)) / outA);
        a = outA;
      }
      data.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], row + 1 + x * 4);
    }
  }
  return data;
}

function chunk(type, body) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels(), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export function writeIcon(file) {
  writeFileSync(file, iconPng());
}
