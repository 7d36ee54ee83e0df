#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources through tsx so the CLI works straight after `npm ci`, without a build.
require('tsx/cjs/api').register();
require('../src/main.ts');
