#!/bin/sh
# Writes src/main/resources/com/securescore/startup-classes.txt: the classes from the jar (JavaFX,
# SecureScore) that the wizard loads from the moment it builds its window until the window is shown, in
# the order loaded (see StartupClasses: the wizard loads them on a second core while JavaFX
# starts, and the .deb's class-data archive takes them in). Run it after changing what the first
# window shows (the shell, the Domain step, their CSS), then compare tools/startup-bench.sh before and after:
#   mvn -q -o package -DskipTests && tools/startup-classes.sh
# Needs xvfb-run (Xvfb) and GTK 3, as the wizard does. Starts with an empty config folder (a first run).
set -eu
cd "$(dirname "$0")/.."
jar=target/securescore.jar
out=src/main/resources/com/securescore/startup-classes.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Four seconds is the window with room to spare. The list ends where the window is up: at the first image
# decoder class, which loads for the window icons, decoded once the window is shown (WizardWindow).
HOME="$tmp" xvfb-run -a -s "-screen 0 1280x800x24" timeout 4 \
  java -Dsecurescore.warmUp=false -Xlog:class+load:file="$tmp/load.txt":uptime -Dsecurescore.config.dir="$tmp/config" -jar "$jar" \
  >/dev/null 2>&1 || true
{
  echo "# Made by tools/startup-classes.sh: classes the first window loads, in order. See StartupWarmUp."
  awk '/ com\.securescore\.ui\.WizardWindow /{on=1} / com\.sun\.javafx\.iio\./{exit} on && / source: file:/ && $2 !~ /\$\$Lambda|LambdaForm\$/ {print $2}' \
    "$tmp/load.txt"
} > "$out"
echo "startup-classes.sh: $(($(wc -l < "$out") - 1)) classes in $out"
