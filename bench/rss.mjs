// Preloaded into a measured child (node --import ./bench/rss.mjs ...): on exit,
// writes the process's peak resident set size to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';
import { peakRss } from './peak-rss.mjs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(peakRss())));
