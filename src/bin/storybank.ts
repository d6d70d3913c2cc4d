#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { exitCode, installProcessHandlers, main } from '../cli/main.js';

installProcessHandlers();
void main(hideBin(process.argv)).then((code) => {
  process.exitCode = exitCode(code);
});
