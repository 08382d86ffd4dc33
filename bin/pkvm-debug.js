#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled into dist/cli.js by `npm run build` (run by npm install).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  console.error('pkvm-debug: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
require(bundle).main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`pkvm-debug: ${err && err.stack ? err.stack : err}`);
    process.exit(2);
  },
);
