/**
 * catair library API. Everything the CLI does, for programs.
 */
export { decode, createDecodeSession, type DecodeResult, type DecodeSession, type DecodeSessionHandler } from './api/decode.js';
export { encode, createEncodeSession, type EncodeOptions, type EncodeResult, type EncodeSession } from './api/encode.js';
export { type CommonOptions, OptionError } from './api/options.js';
export { diff, createDiffSession, type DiffOptions, type DiffInput, type DiffResult, type DiffSession, type DiffSessionHandler, type DiffProblem, type DiffChange, type DiffPath, type DiffSummary } from './api/diff.js';
export { createDecoder, createEncoder, decodeRecords } from './node/streams.js';
export { loadSpec, checkSpecDir, defaultSpecDir, SpecError } from './node/spec-dir.js';
export { buildSpec } from './spec/build.js';
export type { Spec, LayoutSpec, FieldSpec, Level, SpecProblem } from './spec/types.js';
export type { Issue, Severity } from './issues/issue.js';
export type { JsonDocument, JsonGroup, JsonNode, JsonRecord, JsonPath } from './model/json.js';
export type { Eol } from './read/split.js';
export { jsonSchema } from './model/schema.js';
export { lint, createLintSession, formatLint, lintRules, FORMATS as LINT_FORMATS, LintConfigError, type LintOptions, type LintResult, type LintFileResult, type LintIssue, type LintFormat, type RuleInfo } from './lint/index.js';
