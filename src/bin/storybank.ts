#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { exitCode, installProcessHandlers, main, printTrace } from '../cli/main.js';
import { mark } from '../support/trace.js';

mark('node started, CLI loaded');
installProcessHandlers();
void main(hideBin(process.argv)).then((code) => {
  mark('done');
  printTrace();
  process.exitCode = exitCode(code);
});
