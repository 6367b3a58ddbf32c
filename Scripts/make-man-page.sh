#!/bin/sh
# Writes the man page partydesk.1 to OUT (default .build/man/partydesk.1) with swift-argument-parser's
# generate-manual plugin, offline. Run from the package folder:
#
#     Scripts/make-man-page.sh [OUT]
#
# The plugin builds the package (here in debug, which the tests have usually built already; the
# page does not depend on the configuration), runs `partydesk --experimental-dump-help` and writes
# mdoc. Its escaping keeps ASCII characters only (argument-parser 1.8.2,
# Tools/generate-manual/Extensions/String+Escaping.swift: `for character in self where
# character.isASCII`), so of the help's "中文 / English" texts only the English half survives, led
# by the punctuation of the Chinese half; this script takes that leftover off. `partydesk --help`
# keeps both languages.
set -eu
out=${1:-.build/man/partydesk.1}
swift package generate-manual --configuration "${CONFIGURATION:-debug}" >&2
page=.build/plugins/GenerateManual/outputs/partydesk/partydesk.1
mkdir -p "$(dirname "$out")"
# Text lines that began in Chinese ("说明 / Text."): what is left of the Chinese half before " / "
# goes when it is only punctuation, or words in brackets whose Chinese is gone ("CSV (Excel/WPS ) /");
# a value list such as "zh|en / Language." stays. A line of punctuation only goes; the title keeps
# "PartyDesk: …".
perl -ne '
    if (/^\.Nd /) { s/^\.Nd "PartyDesk *: *\/ /.Nd "PartyDesk: /; print; next }
    next if /^[ ;:,]+$/;
    if (!/^\./ && /^(.*?) \/ (.*)$/s) {
        my ($left, $english) = ($1, $2);
        $_ = $english if $left =~ /^(\\&)?[ (),:;"]*$/ || $left =~ /\(/;
    }
    print;
' "$page" > "$out"
echo "$out" >&2
