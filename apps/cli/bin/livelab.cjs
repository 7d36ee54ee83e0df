#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources through tsx so the CLI works straight after `npm ci`, without a build.
// The workspace tsconfig maps the @livelab/* libraries; point tsx at it wherever the command is run from.
const path = require('node:path');
process.env.TSX_TSCONFIG_PATH =
  process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', '..', '..', 'tsconfig.json');
require('tsx/cjs/api').register();
require('../src/main.ts');
