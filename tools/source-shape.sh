#!/usr/bin/env bash
# Prints the shape of the sources: files and methods over the limits, and types named inline by
# their fully qualified name (see SourceShape). Needs only a JDK 17+.
#   tools/source-shape.sh [src/main/java src/test/java]     the figures
#   tools/source-shape.sh --import src/main/java ...       imports the inline names that are not clashes
set -euo pipefail
cd "$(dirname "$0")/.."
exec java src/test/java/com/securescore/architecture/SourceShape.java "${@:-src/main/java}"
