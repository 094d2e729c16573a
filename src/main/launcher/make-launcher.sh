#!/bin/sh
# Run by `mvn package` (profile "launcher", Unix only; -DskipLauncher skips it) after the shaded
# jar exists: writes target/authbisect (the launcher) and target/authbisect.jsa, a class-data
# archive dumped at the end of a training run of `authbisect demo` in a throw-away folder.
# A failing training run (no python3, say) still archives the classes it loaded; only a missing
# archive is reported, and the launcher then runs the jar without one.
set -u
target=$1
java=$2
sed "s|@BUILD_JAVA@|$java|" src/main/launcher/authbisect > "$target/authbisect"
chmod 755 "$target/authbisect"
rm -rf "$target/launcher-training" "$target/authbisect.jsa"
mkdir -p "$target/launcher-training"
# the demo reads nothing from the environment but HOME/XDG for its default cache; keep it inside target/
HOME="$target/launcher-training" XDG_CACHE_HOME="$target/launcher-training/cache" \
  "$java" -XX:ArchiveClassesAtExit="$target/authbisect.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$target/authbisect.jar" demo --out "$target/launcher-training/demo" \
  --cache "$target/launcher-training/cache" > "$target/launcher-training.log" 2>&1
status=$?
rm -rf "$target/launcher-training"
if [ ! -f "$target/authbisect.jsa" ]; then
  echo "[launcher] no class-data archive written (training run exited $status, see $target/launcher-training.log);" \
    "target/authbisect runs the jar without one" >&2
fi
exit 0
