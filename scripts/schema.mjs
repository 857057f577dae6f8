// Writes schema/catair.schema.json from the shipped spec (run after editing specs/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchema, loadSpec } from '../dist/index.js';

mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schema/catair.schema.json', import.meta.url), JSON.stringify(jsonSchema(loadSpec()), null, 2) + '\n');
console.log('wrote schema/catair.schema.json');
