#!/bin/sh
# A stand-in for clamdscan in the tests: "infected" (exit 1) when the file holds the EICAR
# test string, clean (exit 0) otherwise. The file's path is the last argument.
for last; do :; done
if grep -q 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE' "$last"; then
  exit 1
fi
exit 0
