'use strict';
// Preloaded into a measured child (node --require ./bench/rss.cjs ...): on exit, writes
// the process's peak resident set size to the file named by BENCH_RSS_FILE. CommonJS:
// an ES module preload would start Node's ES module loader, about 8 ms the command
// itself does not spend.
const { writeFileSync } = require('node:fs');
const { peakRss } = require('./peak-rss.cjs');

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(peakRss())));
