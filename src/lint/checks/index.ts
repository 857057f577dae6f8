/**
 * Every check lint runs. Each call returns fresh checks (they keep per-file
 * state), so one list serves one input.
 */
import type { Check, RuleInfo } from '../types.js';
import { aphisChecks } from './aphis.js';
import { envelopeChecks } from './envelope.js';
import { flagsChecks } from './flags.js';
import { pgaChecks } from './pga.js';
import { recordChecks } from './record.js';
import { transactionChecks } from './transaction.js';

export function allChecks(): Check[] {
  return [...recordChecks(), ...envelopeChecks(), ...transactionChecks(), ...pgaChecks(), ...aphisChecks(), ...flagsChecks()];
}

/** Every registered rule, in check order. */
export function allRules(): RuleInfo[] {
  return allChecks().flatMap((c) => c.rules);
}
