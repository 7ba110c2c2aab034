#!/usr/bin/env bash
# Debian packages the project needs outside Python: Chromium (static chart export with kaleido,
# browser tests with Playwright), poppler-utils (pdftoppm, to look at exported PDFs),
# PostgreSQL (the test that the dbt models run unchanged on PostgreSQL starts a throw-away server),
# Java 17 (the test that they run on Spark starts a local Spark in-process with pyspark) and
# LibreOffice Writer without its GUI (the test that the Word board item converts to PDF) and
# Pango (WeasyPrint lays out and tags the PDF pack with it; fonts-liberation: the charts' Arial metrics).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
compgen -G "/usr/lib/jvm/java-17-openjdk-*/bin/java" >/dev/null || missing+=(openjdk-17-jre-headless)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
# grep reads all its input (no -q): an early exit would end the writer with SIGPIPE, which pipefail
# takes for a missing package (fonts-liberation was installed again on every run)
ldconfig -p | grep "libpangoft2-1.0.so.0" >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
fc-list 2>/dev/null | grep -i "Liberation Sans" >/dev/null || missing+=(fonts-liberation)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" fonts-dejavu-core >/dev/null
