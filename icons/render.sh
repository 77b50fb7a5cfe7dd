#!/bin/sh
# Regenerates every raster icon from the two SVG sources.
#   securescore-small.svg -> 16, 24, 32 px (simplified drawing that stays legible)
#   securescore.svg       -> 48 ... 512 px
# Needs rsvg-convert (librsvg2-bin); optional: ImageMagick (.ico), png2icns from icnsutils (.icns).
set -eu
cd "$(dirname "$0")"
mkdir -p png
for s in 16 24 32; do rsvg-convert -w "$s" -h "$s" securescore-small.svg -o "png/securescore-$s.png"; done
for s in 48 64 128 256 512; do rsvg-convert -w "$s" -h "$s" securescore.svg -o "png/securescore-$s.png"; done

# Window icons loaded by the wizard (Stage.getIcons)
res=../src/main/resources/com/securescore/ui/icons
mkdir -p "$res"
for s in 16 32 48 64 128 256; do cp "png/securescore-$s.png" "$res/securescore-$s.png"; done

# Windows .ico: each size drawn, not scaled down from one image
if command -v magick >/dev/null 2>&1; then im=magick; elif command -v convert >/dev/null 2>&1; then im=convert; else im=; fi
if [ -n "$im" ]; then
  $im png/securescore-16.png png/securescore-24.png png/securescore-32.png png/securescore-48.png \
      png/securescore-64.png png/securescore-128.png png/securescore-256.png securescore.ico
else
  echo "render.sh: ImageMagick not found, securescore.ico not rebuilt" >&2
fi

# macOS .icns (png2icns takes the sizes it knows: 16 32 48 128 256 512)
if command -v png2icns >/dev/null 2>&1; then
  png2icns securescore.icns png/securescore-16.png png/securescore-32.png png/securescore-48.png \
      png/securescore-128.png png/securescore-256.png png/securescore-512.png >/dev/null
else
  echo "render.sh: png2icns (icnsutils) not found, securescore.icns not rebuilt" >&2
fi
echo "render.sh: icons written"
