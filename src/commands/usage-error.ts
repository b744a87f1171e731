import { OneLineError } from '../problems.js';

/** Wrong usage of the command line: one line for the user, exit status 2. */
export class UsageError extends OneLineError {}
