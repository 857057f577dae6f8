'use strict';
// The peak resident set size of this process, in bytes. On Linux it is VmHWM from
// /proc/self/status: getrusage's ru_maxrss (process.resourceUsage().maxRSS) keeps the
// high-water mark of the process that forked this one, so a child spawned by a parent of
// 200 MB reports at least 200 MB whatever it used itself. Elsewhere, maxRSS.
// CommonJS, so that the preload (rss.cjs) does not start Node's ES module loader in the
// measured command, which a user's run does not pay for either.
const { readFileSync } = require('node:fs');

function peakRss() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // Not Linux: no /proc.
  }
  return process.resourceUsage().maxRSS * 1024;
}

module.exports = { peakRss };
