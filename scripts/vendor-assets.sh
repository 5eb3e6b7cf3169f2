#!/usr/bin/env bash
# Copy the pinned front-end packages from node_modules into the app's static folder (served by the app).
set -euo pipefail
cd "$(dirname "$0")/.."
n=node_modules
v=src/woonafspraken/web/static/vendor
mkdir -p "$v" tests/browser/vendor
cp "$n/@utrecht/component-library-css/dist/index.css" "$v/utrecht-component-library.css"
cp "$n/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css" "$v/voorbeeld-theme.css"
cp "$n/htmx.org/dist/htmx.min.js" "$v/"
cp "$n/vega/build/vega.min.js" "$n/vega-lite/build/vega-lite.min.js" "$n/vega-embed/build/vega-embed.min.js" "$v/"
cp "$n/axe-core/axe.min.js" tests/browser/vendor/
# Vega compiles expressions with Function() unless given this interpreter; with it the pages need no
# 'unsafe-eval' in their Content-Security-Policy. It ships as an ES module only, so bundle it.
echo "export { expressionInterpreter } from 'vega-interpreter';" > "$n/.vega-interpreter-entry.js"
"$n/.bin/esbuild" "$n/.vega-interpreter-entry.js" --bundle --minify --format=iife --global-name=vegaInterpreter \
  --outfile="$v/vega-interpreter.min.js"
echo "Vendored assets updated in $v"
