#!/usr/bin/env bash
# Installs the Debian packages PrivacyDesk's tests need (idempotent; skips what is present):
#   chromium           browser tests (Playwright drives Debian's Chromium; no browser download)
#   fonts-dejavu-core  fonts embedded in generated PDFs
#   poppler-utils      pdftotext / pdftoppm to check generated PDFs
#   dovecot-imapd      a real IMAP server for mail-intake tests
#   python3-aiosmtpd   a real SMTP server for outgoing-mail tests
#   sqlite3            the CLI, for tests that tamper with the database behind the app's back
#   openssl            a self-signed certificate for the IMAP-over-TLS tests
#   postgresql         the second database provider: a throwaway cluster per test run (scripts/postgres.sh)
set -euo pipefail
packages=(chromium fonts-dejavu-core poppler-utils dovecot-imapd python3-aiosmtpd sqlite3 openssl postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Debian packages: all present."
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
