#!/usr/bin/env bash
# Install the Debian packages the project needs, only those that are missing.
set -euo pipefail
packages=(gettext chromium libatomic1 poppler-utils)
# WeasyPrint (PDF reports) renders with Pango; DejaVu gives it fonts with Dutch characters.
packages+=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
# Reports: the Word report is converted with headless LibreOffice in the tests; Liberation fonts for PDF and Word.
packages+=(libreoffice-writer-nogui fonts-liberation)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
