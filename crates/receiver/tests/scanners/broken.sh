#!/bin/sh
# A scanner that cannot work (its database is missing, say): exit 2, as clamdscan does on an error.
echo "scanner: cannot read the signatures" >&2
exit 2
