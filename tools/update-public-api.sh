#!/usr/bin/env bash
# Adds every public symbol the build reports as undeclared (RS0016) to its project's PublicAPI.Unshipped.txt.
# Usage: tools/update-public-api.sh [project-or-solution]   (default: Connectors.sln)
set -euo pipefail
target=${1:-Connectors.sln}
log=$(mktemp)
dotnet build "$target" -p:TreatWarningsAsErrors=false -nologo -clp:NoSummary > "$log" 2>&1 || true
grep -E 'warning RS0016' "$log" | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*\[(.*\.csproj)\].*/\2\t\1/" | sort -u |
while IFS=$'\t' read -r proj symbol; do
  file="$(dirname "$proj")/PublicAPI.Unshipped.txt"
  [ -f "$file" ] || echo '#nullable enable' > "$file"
  grep -qxF -- "$symbol" "$file" || echo "$symbol" >> "$file"
done
# RS0017: declared but gone (renamed or removed) - drop the line.
grep -E 'error RS0017|warning RS0017' "$log" | sed -E "s/^(.*PublicAPI\.Unshipped\.txt)\([0-9]+,[0-9]+\): .*Symbol '(.*)' is part of the declared API.*/\1\t\2/" | sort -u |
while IFS=$'\t' read -r file symbol; do
  [ -f "$file" ] && grep -vxF -- "$symbol" "$file" > "$file.tmp" && mv "$file.tmp" "$file" || true
done
for f in $(git ls-files -co --exclude-standard '*PublicAPI.Unshipped.txt'); do
  { head -1 "$f"; tail -n +2 "$f" | sort -u; } > "$f.tmp" && mv "$f.tmp" "$f"
done
rm -f "$log"
