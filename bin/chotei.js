#!/usr/bin/env node
// `npx chotei …`: the operator's command line (built to dist/ by `npm install`).
require('../dist/src/cli.js');
