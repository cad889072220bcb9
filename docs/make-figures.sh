#!/usr/bin/env bash
# make-figures.sh: draws the figures of docs/guide.md with pagewalk-cli export,
# so they always show what the current Pagewalk draws.
#
#   docs/make-figures.sh [PATH/TO/pagewalk-cli]
#
# Builds nothing: give the path of a built pagewalk-cli, or build _build first
# (meson setup _build && ninja -C _build).  Writes docs/figures/*.png.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli=${1:-$here/../_build/src/cli/pagewalk-cli}
if [[ ! -x $cli ]]; then
  echo "make-figures.sh: no pagewalk-cli at $cli; build it or give its path" >&2
  exit 2
fi
out=$here/figures
mkdir -p "$out"

# One figure a line: file name, example, then the export options.
figures=(
  "seed-overview          seed          --view overview --translate 0x0002150"
  "seed-walk              seed          --view walk --translate 0x0002150"
  "seed-disk              seed          --view walk --at 4"
  "relocation-vaspace     relocation    --view vaspace"
  "relocation-walk        relocation    --view walk --translate 0x40000124 --pid 1"
  "chunks-physical        chunks        --view physical"
  "chunks-walk            chunks        --view walk --translate 0x4000ab00"
  "overcommit-walk        overcommit    --view walk --at 5"
  "overcommit-disk        overcommit    --view disk --at 8"
  "fragmentation-physical fragmentation --view physical --at 2"
  "fragmentation-walk     fragmentation --view walk --translate 0x4124 --pid 1"
  "fragmentation-paged    fragmentation-paged --view physical --at 3"
  "protections-walk       protections   --view walk --translate 0x400010 --access write"
  "page-states-vaspace    page-states   --view vaspace --at 6"
  "x86-32-split-walk      x86-32-split  --view walk --translate 0x80000010"
  "x86-64-vaspace         x86-64        --view vaspace"
  "x86-64-walk            x86-64        --view walk --translate 0x7fffffffe123"
  "large-pages-pagetable  large-pages   --view pagetable"
  "large-pages-walk       large-pages   --view walk --translate 0x200010"
  "tlb-tlb                tlb           --view tlb --at 10"
  "belady-physical        belady        --view physical --at 7"
  "multilevel-pagetable   multilevel    --view pagetable --translate 0x3f80"
  "multilevel-walk        multilevel    --view walk --translate 0x3f80"
  "riscv-sv39-walk        riscv-sv39    --view walk --translate 0x200010"
  "cow-fork-vaspace       cow-fork      --view vaspace --at 4"
  "cow-fork-walk          cow-fork      --view walk --at 6"
  "multiprocess-tlb       multiprocess  --view tlb --at 12"
  "multiprocess-asid-tlb  multiprocess-asid --view tlb --at 12"
)

for line in "${figures[@]}"; do
  read -r -a words <<< "$line"
  name=${words[0]}
  example=${words[1]}
  "$cli" export "$example" -o "$out/$name.png" --width 1200 --theme light "${words[@]:2}"
  echo "docs/figures/$name.png"
done
