/**
 * Which application's layouts apply: the app id of the enclosing B record, else
 * of the A record (B&B-16), else the one the caller assumed (`--app`), else the
 * one a fragment's first app-specific record implies.
 */
import { isBlank } from '../codec/field.js';
import type { LayoutSpec, Spec } from '../spec/types.js';

/** The text of the layout's application-id field (A 26-27, B 11-12), or '' when it has none. */
export function applicationIdText(layout: LayoutSpec, text: string): string {
  const f = layout.fields.find((x) => x.codes === 'application-id');
  return f ? text.slice(f.start - 1, f.end) : '';
}

/**
 * The application a batch or block header names, when the spec knows it
 * (blank or unknown ids name none): the application its records are read in.
 */
export function namedApplication(spec: Spec, layout: LayoutSpec, text: string): string | undefined {
  const value = applicationIdText(layout, text);
  return value && !isBlank(value) && spec.applications.has(value) ? value : undefined;
}

export class AppContext {
  private batchApp: string | undefined;
  private blockApp: string | undefined;
  private inferredApp: string | undefined;

  constructor(private readonly spec: Spec, private readonly assumed?: string) {}

  get app(): string | undefined {
    return this.blockApp ?? this.batchApp ?? this.assumed ?? this.inferredApp;
  }

  /** Call after each identified record with its text. */
  follow(layout: LayoutSpec, text: string): void {
    if (layout.level === 'batch' || layout.level === 'block') {
      if (layout.role === 'open') {
        const app = namedApplication(this.spec, layout, text);
        if (layout.level === 'batch') {
          this.batchApp = app;
          this.blockApp = undefined;
        } else this.blockApp = app;
      } else if (layout.role === 'close') {
        if (layout.level === 'batch') this.batchApp = undefined;
        this.blockApp = undefined;
      }
    } else if (!this.app) {
      const specific = layout.contexts.find((c) => this.spec.applications.has(c));
      if (specific && !layout.contexts.includes('*')) this.inferredApp = specific;
    }
  }
}
