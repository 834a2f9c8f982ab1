// Types of the generated report validator (scripts/gen-validators.ts writes the .cjs beside this file).
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export = validate;
