#!/usr/bin/env bash
# The default scenario's HTML report renders in headless Chromium (Debian's
# `chromium`) without console errors, and the screenshot is not blank.
# Skipped (exit 77) when chromium is not installed.
. "$(dirname "$0")/lib.bash"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "skipped: chromium is not installed (apt-get install chromium)"
    exit 77
fi
expect_status 0 "$PARLEY" run --report "$WORK/report.html" --quiet
profile=$(mktemp -d)
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --screenshot="$WORK/shot.png" --window-size=1200,2000 "file://$WORK/report.html" \
    >"$WORK/chromium.out" 2>"$WORK/chromium.log" </dev/null
rm -rf "$profile"
if [ -s "$WORK/shot.png" ]; then pass; else fail "no screenshot"; cat "$WORK/chromium.log"; fi

# Console messages and uncaught errors from the page (Chromium's own D-Bus and GPU
# complaints are not the page's).
if grep -Ei 'CONSOLE|Uncaught|Failed to load resource|net::ERR' "$WORK/chromium.log"; then
    fail "the page logged errors"
else
    pass
fi

# Not blank: many distinct colours and a good share of non-white pixels.
if command -v python3 >/dev/null; then
    if python3 - "$WORK/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height, ctype, depth = 8, b"", 0, 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
channels = {2: 3, 6: 4, 0: 1, 4: 2}[ctype]
assert depth == 8, "unexpected bit depth"
raw, stride = zlib.decompress(idat), width * channels
prev, colours, ink = bytearray(stride), set(), 0
for y in range(height):
    start = y * (stride + 1)
    f, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
    for x in range(stride):
        a = line[x - channels] if x >= channels else 0
        b, c = prev[x], prev[x - channels] if x >= channels else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    for x in range(0, stride, channels * 4):
        pixel = bytes(line[x:x + min(channels, 3)])
        colours.add(pixel)
        ink += pixel != b"\xff" * len(pixel)
share = ink / (width * height / 4)
print("screenshot: %dx%d, %d colours, %.0f%% not white"
      % (width, height, len(colours), 100 * share))
sys.exit(0 if len(colours) >= 16 and share >= 0.02 else 1)
PY
    then pass; else fail "the screenshot looks blank"; fi
else
    size=$(wc -c <"$WORK/shot.png")
    if [ "$size" -gt 50000 ]; then pass; else fail "screenshot of $size bytes: blank?"; fi
fi
finish
