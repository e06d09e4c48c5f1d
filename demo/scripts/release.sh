#!/bin/sh
set -eu
export GITHUB_TOKEN={{fake:github}}
gh release create "v$1" --generate-notes
