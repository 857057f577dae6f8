/**
 * Every check lint runs. Each call returns fresh checks (they keep per-file
 * state), so one list serves one input.
 */
import type { Check, RuleInfo } from '../types.js';
import { aphisChecks } from './aphis.js';
import { envelopeChecks } from './envelope.js';
import { flagsChecks } from './flags.js';
import { sharedFacts } from './pga-common.js';
import { pgaChecks } from './pga.js';
import { recordChecks } from './record.js';
import { transactionChecks } from './transaction.js';

export function allChecks(): Check[] {
  // The PGA, APHIS and flags checks read the same transaction facts: gathered once for the three.
  const { facts, feed, closer } = sharedFacts();
  return [...recordChecks(), ...envelopeChecks(), ...transactionChecks(), feed, ...pgaChecks(facts), ...aphisChecks(facts), ...flagsChecks(facts), closer];
}

/** Every registered rule, in check order. */
export function allRules(): RuleInfo[] {
  return allChecks().flatMap((c) => c.rules);
}
