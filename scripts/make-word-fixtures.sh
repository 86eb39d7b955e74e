#!/usr/bin/env bash
# Regenerates the Word fixtures of test/fixtures/word/ from the sources in test/fixtures/word/src/
# with LibreOffice, so that the tests read files a real word processor wrote, not files duthao wrote:
#   de-an-outline.docx        an agency's file: no heading styles, a title block, the outline typed by hand,
#                             a footnote and an image
#   ke-hoach-headings.docx    Heading 1/2/3 styles, bulleted and numbered lists, a table, bold and italic
#   y-kien-so-tai-chinh.docx  the outline draft sent back with Word comments and tracked changes
# The hostile files (zip bomb, .docm, renamed PDF, truncated file) are made by the tests themselves.
set -euo pipefail
cd "$(dirname "$0")/../test/fixtures/word"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# A profile of its own: another soffice running on the machine does not take the conversion over.
soffice -env:UserInstallation="file://$profile" --headless --convert-to 'docx:MS Word 2007 XML' --outdir . \
  src/de-an-outline.html src/ke-hoach-headings.html src/y-kien-so-tai-chinh.fodt >/dev/null 2>&1
for f in de-an-outline.docx ke-hoach-headings.docx y-kien-so-tai-chinh.docx; do
  [ -s "$f" ] || { echo "make-word-fixtures: $f was not written" >&2; exit 1; }
done
unzip -l y-kien-so-tai-chinh.docx | grep -q 'word/comments.xml' || { echo "make-word-fixtures: no word/comments.xml" >&2; exit 1; }
for tag in '<w:ins ' '<w:del '; do
  unzip -p y-kien-so-tai-chinh.docx word/document.xml | grep -q "$tag" || { echo "make-word-fixtures: no $tag in the reply" >&2; exit 1; }
done
unzip -l de-an-outline.docx | grep -q 'word/media/' || { echo "make-word-fixtures: the image was not embedded" >&2; exit 1; }
echo "make-word-fixtures: $(ls ./*.docx | wc -l) files in test/fixtures/word"
