#!/usr/bin/env bash
# Build the one-folder Linux bundle (dist/ccs-desktop/) with PyInstaller, then smoke-test it:
# run `ccs-desktop --demo --smoke` from the bundle offscreen and print its start-up figures and the bundle size.
#
#   packaging/build.sh            build + smoke test
#   SKIP_SMOKE=1 packaging/build.sh
#
# Uses the current `python` (PYTHON=... to choose another); installs PyInstaller into it if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python}
PYINSTALLER_SPEC='pyinstaller>=6.22,<6.23'

if ! "$PYTHON" -c 'import PyInstaller' 2>/dev/null; then
    echo "== installing $PYINSTALLER_SPEC into $("$PYTHON" -c 'import sys; print(sys.executable)')"
    "$PYTHON" -m pip install --quiet "$PYINSTALLER_SPEC"
fi

VERSION=$(PYTHONPATH="$ROOT" "$PYTHON" -c 'import ccs_desktop; print(ccs_desktop.__version__)')
APP_ID=$(PYTHONPATH="$ROOT" "$PYTHON" -c 'import ccs_desktop; print(ccs_desktop.APP_ID)')
echo "== ccs-desktop $VERSION ($APP_ID), PyInstaller $("$PYTHON" -m PyInstaller --version)"

# The packaging files carry the version too; refuse to build a bundle whose metadata disagrees with the code.
PYTHONPATH="$ROOT" "$PYTHON" packaging/check_metadata.py

started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/ccs-desktop.spec
echo "== built in $(( $(date +%s) - started )) s"

BUNDLE=$ROOT/dist/ccs-desktop
# The desktop file, metainfo and icons travel with the bundle, for distribution packages and for
# `ccs-desktop install-desktop-integration` run from the bundle.
mkdir -p "$BUNDLE/share/applications" "$BUNDLE/share/metainfo"
cp "packaging/linux/$APP_ID.desktop" "$BUNDLE/share/applications/"
cp "packaging/linux/$APP_ID.metainfo.xml" "$BUNDLE/share/metainfo/"
mkdir -p "$BUNDLE/share/icons"
cp -r resources/icons/hicolor "$BUNDLE/share/icons/"
mkdir -p "$BUNDLE/share/icons/hicolor/scalable/apps"
cp resources/icons/app.svg "$BUNDLE/share/icons/hicolor/scalable/apps/$APP_ID.svg"

for needed in QtWebEngineProcess qtwebengine_resources.pak icudtl.dat qtwebengine_locales; do
    if [ -z "$(find "$BUNDLE" -name "$needed" -print -quit)" ]; then
        echo "!! $needed is missing from the bundle" >&2
        exit 1
    fi
done

echo "== bundle: $(du -sh "$BUNDLE" | cut -f1) in $(find "$BUNDLE" -type f | wc -l) files ($BUNDLE)"
"$BUNDLE/ccs-desktop" --version

if [ "${SKIP_SMOKE:-}" = 1 ]; then
    exit 0
fi

# The smoke run: a fresh user (temporary HOME and XDG dirs), offscreen, the demo simulator inside the bundle.
# As root, ccs_desktop.web.engine adds --no-sandbox to QTWEBENGINE_CHROMIUM_FLAGS by itself.
SMOKE_HOME=$(mktemp -d)
trap 'rm -rf "$SMOKE_HOME"' EXIT
run_smoke() {
    env -u DBUS_SESSION_BUS_ADDRESS HOME="$SMOKE_HOME" XDG_CONFIG_HOME="$SMOKE_HOME/config" \
        XDG_DATA_HOME="$SMOKE_HOME/data" XDG_STATE_HOME="$SMOKE_HOME/state" XDG_CACHE_HOME="$SMOKE_HOME/cache" \
        QT_QPA_PLATFORM=offscreen "$BUNDLE/ccs-desktop" --demo --smoke
}
for round in 1 2 3; do
    t0=$(date +%s.%N)
    figures=$(run_smoke 2>"$SMOKE_HOME/stderr-$round.log" | tail -n 1) || {
        echo "!! smoke run $round failed: $figures" >&2
        tail -n 30 "$SMOKE_HOME/stderr-$round.log" >&2
        exit 1
    }
    t1=$(date +%s.%N)
    case $figures in
        *softphone_loaded_s*) ;;
        *) echo "!! smoke run $round printed no figures: $figures" >&2; tail -n 30 "$SMOKE_HOME/stderr-$round.log" >&2; exit 1 ;;
    esac
    printf '== smoke %s: %s, process wall time %.2f s\n' "$round" "$figures" "$(awk "BEGIN { print $t1 - $t0 }")"
done

# The window used the icons and catalogues built into the bundle, compiling nothing into the user's cache.
for built in icons i18n; do
    if [ -d "$SMOKE_HOME/cache/ccs-desktop/$built" ]; then
        echo "!! the bundle compiled its $built at run time: the spec did not ship the built resources" >&2
        exit 1
    fi
done

# The bundle's command speaks Turkish from the catalogue the spec shipped (and compiles nothing into the cache).
turkish=$(env HOME="$SMOKE_HOME" XDG_CONFIG_HOME="$SMOKE_HOME/config" XDG_CACHE_HOME="$SMOKE_HOME/tr-cache" \
    LANG=tr_TR.UTF-8 "$BUNDLE/ccs-desktop" call 12 2>&1) && { echo "!! 'call 12' was accepted" >&2; exit 1; }
case $turkish in
    *"geçerli bir telefon numarası değil"*) echo "== Turkish: $turkish" ;;
    *) echo "!! the bundle does not answer in Turkish: $turkish" >&2; exit 1 ;;
esac
if [ -d "$SMOKE_HOME/tr-cache/ccs-desktop" ]; then
    echo "!! the bundle compiled resources at run time: the spec did not ship the built ones" >&2
    exit 1
fi
