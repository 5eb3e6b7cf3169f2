#!/usr/bin/env bash
# Install the Debian packages the project needs, only those that are missing.
#   scripts/system-deps.sh run    what running the app needs (make run)
#   scripts/system-deps.sh test   that, and what the tests need as well (make test)
set -euo pipefail
what="${1:-test}"
# Running: gettext compiles the Dutch translations; WeasyPrint (PDF reports) renders with Pango, and
# DejaVu and Liberation give it fonts with Dutch characters.
run_packages=(gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation)
# Testing: Debian's Chromium (and libatomic1, which Playwright's driver needs) for the browser tests,
# poppler-utils to read PDF reports back, headless LibreOffice to convert the Word report.
test_packages=(chromium libatomic1 poppler-utils libreoffice-writer-nogui)
case "$what" in
  run) packages=("${run_packages[@]}") ;;
  test) packages=("${run_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages for '$what': all present (${packages[*]})."
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "System packages for '$what': installing ${missing[*]} (with their dependencies)."
echo "  apt-get update ..."
$SUDO apt-get update -qq
echo "  apt-get install ... (a line per package set up)"
# Only the download and set-up lines; pipefail (above) keeps apt-get's failure.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" \
  | sed -u -n -E 's/^(Get:|Setting up )/    &/p'
echo "System packages for '$what': done."
