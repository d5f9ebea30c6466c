#!/bin/bash
# One Python test module of python/tests under Debian's python3 (the package's
# tests, docs/python.md): skipped (77) when that python or its cffi is absent.
# The environment (PARLEY_LIBRARY, PARLEY_CLI, PARLEY_SOURCE_DIR, PARLEY_SHARED)
# comes from tests/CMakeLists.txt.
set -u
module=$1
python=${PARLEY_PYTHON:-/usr/bin/python3}
if ! [ -x "$python" ] || ! "$python" -c 'import cffi' 2>/dev/null; then
    echo "SKIP: $python with cffi is needed (apt-get install python3-cffi)"
    exit 77
fi
cd "$PARLEY_SOURCE_DIR/python/tests" || exit 1
PYTHONPATH="$PARLEY_SOURCE_DIR/python:$PARLEY_SOURCE_DIR/python/tests${PYTHONPATH:+:$PYTHONPATH}" \
    PYTHONDONTWRITEBYTECODE=1 exec "$python" -m unittest -v "$module"
